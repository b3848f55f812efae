//! How the customer reacts to the last AI answer: **pushback** ("that didn't help", "still
//! not working", "no me ayudó", "não ajudou", "ça n'aide pas", "hilft nicht"), **gratitude**
//! ("thanks", "perfect", "solved", "that worked") or neither (en, es, pt, fr, de).
//!
//! The conversation code counts consecutive AI turns the customer did not accept (pushback
//! counts, any other answer resets), which feeds the `repeated_failure` signal; gratitude
//! also resets the count. This module owns only the phrase lists and the classification,
//! not the counting.
//!
//! # Both at once: pushback wins
//! "Thanks, but it still doesn't work" contains both. [`reaction`] returns
//! [`Reaction::Pushback`] whenever any pushback phrase is found, [`Reaction::Gratitude`] only
//! when there is none, so the two are exclusive: [`pushback`] and [`gratitude`] are
//! `reaction(text) == …` and never both true. Sarcasm with a marker is pushback
//! ("thanks for nothing", "gracias por nada", "merci pour rien", "danke für nichts").
//!
//! # How it matches
//! The message is cut into sentences (at `. ! ? …` and newlines, remembering which ones are
//! questions), each is normalised ([`super::normalize`]: lowercase, accents folded, `’` and
//! `'` alike, `didn't` -> `didnt`, `ça n'aide` -> `ca n aide`), and the phrase patterns
//! below run clause by clause, so accents, capitals and missing apostrophes do not matter
//! ("didnt help", "nao ajudou", "ca naide pas"). Guards:
//! - a pushback phrase after a conditional in the same clause ("what **if** it doesn't
//!   work?", "si no me sirve", "wenn es nicht funktioniert") does not count; neither do a
//!   few benign look-alikes ("that's not a problem", "still not sure", "das ist nicht
//!   schlimm", "aún no sé cuál");
//! - thanks words count anywhere (a question after "thanks," is still a thank-you) except
//!   "thanks in advance" and its translations;
//! - acceptance words ("perfect", "solved", "it worked", "funcionó", "hat geklappt", "great")
//!   do not count in a question ("is it solved?"), after a negation ("not perfect", "hat
//!   nicht geholfen"), a wish or condition ("I want this resolved", "if it works"), or as
//!   an attribute ("the perfect gift"); "perfect"-like adjectives count only when what
//!   precedes them in the clause is filler ("ok", "that's", "c'est", "das ist");
//! - emoji: 👎 is pushback; 👍 👌 🙏 🙌 are gratitude only in a message with no other words
//!   than "ok"-like filler ("help me please 🙏" is not thanks).
//!
//! # Limits
//! Phrase lists, not understanding. On unseen text the lists miss about a third of pushback
//! (see below): paraphrases nobody listed ("the problem is still there", "I'm still locked
//! out", "hat auch nichts gebracht"). A negation far from the verb ("nada do que vc falou
//! funcionou": "nothing you said worked") is read as gratitude. Unmarked sarcasm
//! ("wow, super helpful") reads as gratitude. A bare "no" or "nope" (which may well answer
//! "did that help?") is neutral, because the AI's question is not seen here. First-person
//! confusion ("I don't understand the two plans") is neutral on purpose. Other languages are
//! neutral. Never fails; the patterns are constants checked by the tests.
//!
//! # Evaluation (`tests/pushback_eval.rs`)
//! All rows were written by the author of these lists, not taken from real conversations.
//! - `tests/data/pushback_labelled.jsonl`, 329 rows (en/es/pt/fr/de; questions, neutral
//!   follow-ups, sarcasm, negated gratitude, typos, missing accents, emoji), is the
//!   **development set**: its first 205 rows were written together with the lists. The next
//!   two blocks of 62 were blind probes, each written before the lists were fixed for it,
//!   and then fixed by failure class. Their pushback recall was 0.54 and then 0.54 again,
//!   with precision 1.0 both times. The test asserts pushback and gratitude precision and
//!   recall >= 0.9 on this set (currently 1.0: it measures that the lists do what this doc
//!   claims, not how they generalise).
//! - `tests/data/pushback_blind.jsonl`, 62 rows, was written before the last round of fixes
//!   and never tuned against. It is reported for information only. Its result: pushback
//!   precision 1.00, recall 0.69; gratitude precision 0.95, recall 1.00. Its author knew the
//!   failure classes of the earlier probes, so it is not fully independent either.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::normalize::normalize;

/// What a customer message says about the last AI answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reaction {
    /// The answer did not solve it (wins over gratitude when both are present).
    Pushback,
    /// Thanks / solved, and no pushback.
    Gratitude,
    /// Neither: a follow-up, a new question, anything else.
    Neutral,
}

impl Reaction {
    /// `pushback`, `gratitude` or `neutral`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Reaction::Pushback => "pushback",
            Reaction::Gratitude => "gratitude",
            Reaction::Neutral => "neutral",
        }
    }
}

/// A [`Reaction`] and the (normalised) phrase or emoji that decided it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub reaction: Reaction,
    /// `None` for [`Reaction::Neutral`].
    pub evidence: Option<String>,
}

// ---------------------------------------------------------------------------------------
// Pushback phrases (regex over one normalised clause).

const EN_PUSHBACK: &[&str] = &[
    // didn't help / doesn't work / not helpful (with common typos)
    r"\b(?:didnt|didn|didint|didnot|did not|doesnt|doesent|dosent|dosnt|does not|dose not|dont|do not|isnt|is not|wasnt|was not|not|wont|aint|hasnt|havent|never)(?: (?:really|even|seem to|seems to|actually|at all|much|quite|exactly|very|help))? (?:help|helps|helped|helping|helpful|useful|work|works|worked|working)\b",
    r"\b(?:was|is|been|of|be) no help\b",
    r"\bno help at all\b",
    r"\b(?:not|isnt|wasnt|hasnt|havent|never|didnt|doesnt|dont|nothing|wont)(?: \w+){0,2} (?:solved|resolved|fixed|solve|fix|resolve|solves|fixes)\b",
    // not what I asked / wrong / you don't understand
    r"\bnot what (?:i|we|im)\b",
    // "that's not" (normalised "that not"); benign endings are masked below
    r"\b(?:that|thats|that is|this is) not\b",
    r"\b(?:not|wasnt|isnt) (?:the|a) (?:solution|fix|answer)\b",
    r"\b(?:wrong|incorrect) (?:answer|info|information|reply|response|link|number)\b",
    r"\b(?:that|thats|that is|this is|you are|youre|your|u r|ur)(?: (?:just|completely|totally|so|all|simply|still))? (?:wrong|incorrect)\b",
    r"\b(?:you|u|ya) (?:dont|do not|didnt|did not|arent|are not|aint|still dont|clearly dont|just dont)(?: \w+)? (?:understand|understanding|get it|get me|listen|listening|read)\b",
    r"\b(?:didnt|doesnt|did not|does not|havent|hasnt|not)(?: (?:really|even|actually))? answer(?:ed|ing)?(?: my| the)? question\b",
    r"\b(?:makes|make|made) no sense\b",
    r"\b(?:doesnt|does not|dont) make (?:any )?sense\b",
    r"\bnothing to do with\b",
    // the problem persists
    r"\bstill (?:not|doesnt|dont|didnt|isnt|wont|cant|havent|hasnt|aint|no \w+|nothing|broken|the same|wrong|failing|waiting|having|getting|charging|showing|saying|happening|crashing|loading|asking|sending|giving|freezing|declining|rejecting|stuck|blocked|pending|down)\b",
    r"\bstill(?: \w+){1,3} (?:error|problem|issue|crash|bug)\b",
    r"\b(?:same|identical) (?:problem|issue|error|message|thing again)\b",
    r"\b(?:gives|giving|shows|showing|throws|throwing|says|getting|get) (?:me )?(?:an |the |that |this |same )?error\b",
    r"\b(?:already tried|tried (?:that|this|all that|all of that|everything|those)(?: already)?)\b",
    r"\bnothing (?:has |have )?changed\b",
    r"\bno luck\b",
    r"\b(?:and|but) nothing$",
    r"\b(?:link|page|site|website|code|coupon|button|form|url)(?: is| still| seems)? (?:broken|dead|invalid|expired|not valid)\b",
    r"\b(?:now|even|got|gotten|getting|made it|its|it is|thats|that is) worse\b",
    r"\bnow (?:it |its |it is |everything |all )?broken\b",
    // sarcasm, uselessness
    r"\b(?:thanks?|thank you|thx|ty) for nothing\b",
    r"\bno thanks to you\b",
    r"\b(?:useless|pointless|waste of (?:my )?time)\b",
];

const ES_PUSHBACK: &[&str] = &[
    // "no" + a form of help / serve / work / solve / understand (2nd/3rd person) / answer
    r"\bno (?:(?:me|nos|te|lo|la|se|estas|esta|estan|has|ha|han|fue) )*(?:ayud\w*|sirv\w*|servido|funcion\w*|funsion\w*|resolv\w*|resuelv\w*|resuelto|solucion\w*|arregl\w*|entiendes|entiende|entienden|entendiste|entendio|entendieron|entendiendo|respond\w*|contest\w*)\b",
    r"\bno (?:es |fue |era |me es |me fue )?(?:util|de ayuda)\b",
    // not what I asked / wrong
    r"\bno (?:es|era) (?:lo|eso lo) que\b",
    r"\bno (?:es|era) eso\b",
    r"\b(?:eso|esa|esto|esta) no es\b",
    r"\bno (?:es|era) (?:la|una|esa) (?:solucion|respuesta)\b",
    r"\b(?:respuesta|informacion|info) (?:incorrecta|equivocada|errada|mala)\b",
    r"\b(?:eso esta mal|esto esta mal|esta mal eso|es incorrecto|estas equivocado|esta equivocado)\b",
    r"\bno (?:tiene|tiene ningun) sentido\b",
    r"\bno tiene nada que ver\b",
    // the problem persists
    r"\b(?:sigue|sigo|seguimos|continua) (?:sin|igual|fallando|el mismo|con el mismo|dando)\b",
    r"\b(?:todavia|aun) no\b",
    r"\b(?:mismo|misma) (?:problema|error|mensaje)\b",
    r"\b(?:dando|da|sale|saliendo|aparece|apareciendo|marca|tira) (?:el |un |ese |este |mismo )?error\b",
    r"\bya (?:lo |eso )?(?:probe|intente|he probado|he intentado)\b",
    r"\b(?:nada cambio|no cambio nada)\b",
    r"\b(?:y|pero) nada$",
    r"\b(?:esta|ahora|aun|todavia|mucho|incluso|quedo) peor\b",
    // sarcasm, uselessness
    r"\bgracias por nada\b",
    r"\binutil\b",
];

const PT_PUSHBACK: &[&str] = &[
    // "não" (or WhatsApp "n") + a form of help / serve / work / solve / understand / answer
    r"\b(?:nao|n|num) (?:(?:me|nos|se|te|esta|ta|tao|estao|foi) )*(?:ajud\w*|serviu|adiant\w*|funcion\w*|resolv\w*|resolvem|soluc\w*|entende|entendeu|entendem|entenderam|entendendo|respond\w*|consegui)\b",
    r"\b(?:nao|n) deu certo\b",
    r"\b(?:nao|n) (?:foi|esta|ta) resolvido\b",
    r"\b(?:nao|n) (?:e |foi |ta |esta )?(?:util|de ajuda)\b",
    // not what I asked / wrong
    r"\b(?:nao|n) (?:e|eh|era) (?:isso|isto|bem isso|o que)\b",
    r"\b(?:nao|n) (?:e|era) (?:a|uma) (?:solucao|resposta)\b",
    r"\b(?:resposta|informacao|info) (?:errada|incorreta)\b",
    r"\b(?:ta|esta|isso esta|isso ta|isso e) errad[oa]\b",
    r"\b(?:nao|n) faz (?:nenhum )?sentido\b",
    r"\b(?:nao|n) tem nada a ver\b",
    // the problem persists
    r"\bainda (?:nao|n)\b",
    r"\b(?:continua|segue|sigo|continuo) (?:sem|igual|o mesmo|com o mesmo|dando|nao|n|a mesma|com a mesma)\b",
    r"\b(?:mesmo|mesma) (?:problema|erro|mensagem)\b",
    r"\b(?:dando|da|deu|aparece|aparecendo) (?:o |um |esse |este |mesmo )?erro\b",
    r"\b(?:ja (?:tentei|testei|fiz isso)|tentei isso)\b",
    r"\b(?:nada mudou|nao mudou nada)\b",
    r"\b(?:e|mas) nada$",
    r"\b(?:ficou|esta|ta|agora) pior\b",
    // sarcasm, uselessness
    r"\b(?:obrigad[oa]|valeu|brigad[oa]) por nada\b",
    r"\binutil\b",
];

const FR_PUSHBACK: &[&str] = &[
    // "ne … pas" (the "ne" often dropped) around help / work / solve / answer / understand
    r"\b(?:(?:ne|n|m|me|nous|l|le|la|les|y|en) )*(?:aide|aides|aidez|naide|naides|naidez|maide|maidez|marche|marchent|fonctionne|fonctionnent|regle|reglent|resout|resolvent|repond|repondez|reponds|comprenez|comprends|comprend|sert|servent)(?: (?:toujours|vraiment|absolument))? (?:pas|plus|en rien|rien|nullement|a rien)\b",
    r"\b(?:n|ne) (?:m |nous )?(?:a|as|avez|ont) (?:pas|toujours pas|rien|pas du tout|vraiment pas) (?:aide|marche|fonctionne|resolu|regle|servi|change|repondu)\b",
    r"\b(?:a|as|avez) pas (?:aide|marche|fonctionne|resolu|regle|repondu)\b",
    r"\bpas (?:tres |vraiment )?utile\b",
    r"\b(?:pas|toujours pas|jamais) (?:resolu|resolue|regle|reglee)\b",
    // not what I asked / wrong
    r"\b(?:ce n est|c est|cest|ce nest) pas (?:du tout |vraiment )?(?:ce|ca|cela|la bonne|le bon|ma question|la question|la reponse|la solution)\b",
    r"\bpas ce que (?:je|j)\b",
    r"\bpas (?:la|une) solution\b",
    r"\bc est (?:faux|pire|n importe quoi)\b",
    r"\bmauvaise reponse\b",
    r"\b(?:n a|na) (?:aucun|pas de) sens\b",
    r"\b(?:n a|na|a) rien a voir\b",
    // the problem persists
    r"\btoujours pas\b",
    r"\btoujours (?:le meme|la meme|les memes|pareil|bloque|bloquee|en panne|rien|aucun|aucune)\b",
    r"\b(?:meme|memes) (?:probleme|erreur|message)\b",
    r"\b(?:affiche|donne|met)(?: toujours)? (?:une |l |la meme )?erreur\b",
    r"\b(?:j ai|jai) deja (?:essaye|teste|fait ca)\b",
    r"\brien (?:n a )?change\b",
    r"\b(?:encore|toujours) pire\b",
    // sarcasm
    r"\bmerci pour rien\b",
];

const DE_NICHT: &str = "(?:nicht|nich|nichts|nix|kein)";

const DE_PUSHBACK: &[&str] = &[
    // verb (helps / works / solves / answers / you understand) … nicht
    r"\b(?:hilft|helfen|funktioniert|funktionieren|klappt|geht|lauft|laeuft|lost|loest|beantwortet|beantworten|beantwortest|versteht|verstehen|verstehst)(?: \w+){0,3} {NICHT}\b",
    r"\b{NICHT} (?:geholfen|gelost|geloest|behoben|erledigt|funktioniert|geklappt|hilfreich|beantwortet)\b",
    // not what I asked / wrong
    r"\bdas ist (?:nicht|nich|falsch|leider falsch|so nicht)\b",
    r"\bnicht (?:die|eine) (?:losung|loesung|antwort)\b",
    r"\b(?:falsche|falsch) (?:antwort|info|information|auskunft)\b",
    r"\bstimmt(?: (?:so|leider|einfach|gar|uberhaupt|ueberhaupt))? {NICHT}\b",
    r"\b(?:macht|ergibt) (?:keinen|null) sinn\b",
    r"\bnichts (?:damit |mit )?zu tun\b",
    // the problem persists
    r"\b(?:immer noch|noch immer) (?:nicht|nich|kein|keine|keinen|nix|nichts|das gleiche|dasselbe|der gleiche|derselbe|falsch)\b",
    r"\b(?:gleiche|gleiches|gleicher|selbe|selbes|dasselbe|derselbe) (?:problem|fehler|fehlermeldung|meldung)\b",
    r"\b(?:kommt|zeigt|gibt)(?: \w+){0,2} (?:fehler|fehlermeldung)\b",
    r"\b(?:(?:hab|habe) ich (?:schon|bereits|alles) (?:probiert|versucht|gemacht)|(?:schon|bereits) (?:probiert|versucht))\b",
    r"\b(?:nichts (?:hat sich )?geandert|hat sich nichts geandert)\b",
    r"\b(?:noch|jetzt|nur noch) schlimmer\b",
    // sarcasm, uselessness
    r"\bdanke (?:fur|fuer) (?:gar )?nichts\b",
    r"\bbringt(?: (?:mir|uns|leider|gar|uberhaupt|ueberhaupt|das))* (?:nichts|nix)\b",
    r"\bnutzlos\b",
];

/// Look-alikes that are not pushback; a pushback match overlapping one of these is ignored.
const BENIGN: &[&str] = &[
    r"\b(?:that|thats|that is|this is|this) not (?:(?:a|an|too|so|that|very|really|such a) )?(?:problem|issue|big deal|necessary|needed|required|urgent|important|bad|all|worry|concern|rush|hurry|matter|trouble)\b",
    r"\bstill not (?:sure|decided|certain)\b",
    r"\bstill (?:dont|do not) know (?:which|if|what|whether)\b",
    r"\b(?:todavia|aun) no (?:he |lo )?(?:decidido|decido|elegido|compre|comprado|pague|pagado)\b",
    r"\b(?:todavia|aun) no se (?:cual|que|si|como|cuando|donde)\b",
    r"\b(?:todavia|aun) no se$",
    r"\beso no es (?:un )?(?:problema|necesario|urgente|importante|grave)\b",
    r"\bainda (?:nao|n) (?:sei|decidi|escolhi|comprei|paguei|fiz o pedido|fiz a compra)\b",
    r"\bsais toujours pas (?:quoi|quel|quelle|si|lequel|laquelle|comment)\b",
    r"\bdas ist nicht (?:so )?(?:schlimm|notig|noetig|dringend|wichtig|tragisch|ein problem|problem)\b",
    r"\b(?:immer noch|noch immer) nicht (?:sicher|entschieden)\b",
    r"\bgeht (?:es |das )?nicht um\b",
];

/// A conditional just before a pushback phrase turns it into a hypothesis.
const CONDITIONAL: &[&str] = &[
    "if", "unless", "case", "si", "se", "caso", "falls", "wenn", "ob",
];
/// How many tokens before a phrase the conditional / negation guards look at.
const GUARD_WINDOW: usize = 4;

// ---------------------------------------------------------------------------------------
// Gratitude phrases.

/// Thanks words: count anywhere, except in [`THANKS_BENIGN`].
const THANKS: &[&str] = &[
    r"\b(?:thank(?:s+|x|z|u|you|yu|ya|q|ful|fully)?|thanx|thanxs|thnx|thnks|thnaks|thaks|thks|thx|tks|ty|tysm|tyvm|cheers)\b",
    r"\b(?:much appreciated|appreciate it|really appreciate|appreciate (?:your|the|all (?:your|the)) help)\b",
    r"\b(?:gra[cs]ias+|grax|agradezco|agradecid[oa])\b",
    r"\b(?:obrigad\w*|brigad\w*|obg|obgd|obgda|obgdo|valeu|vlw|valew|agradeco)\b",
    r"\b(?:re)?merci\w*\b",
    r"\bmrc\b",
    r"\b(?:be)?dank\w*\b",
];

/// Thanks for something not yet done.
const THANKS_BENIGN: &[&str] = &[
    r"\b(?:thanks?|thank you|thx|ty)(?: you)? (?:in advance|in adv|ahead of time)\b",
    r"\b(?:muchas )?gracias (?:de antemano|por adelantado|desde ya)\b",
    r"\bdesde ya (?:muchas )?gracias\b",
    r"\b(?:obrigad[oa]|obg) (?:desde ja|antecipadamente|de antemao)\b",
    r"\bdesde ja (?:obrigad[oa]|agradeco)\b",
    r"\bmerci (?:d avance|davance|par avance|par anticipation)\b",
    r"\b(?:danke|vielen dank|dank) (?:im voraus|vorab)\b",
    r"\bvorab (?:vielen )?dank\w*\b",
];

/// "Done" phrases (participles, "it worked"): blocked by a nearby negation or wish, a
/// determiner right before, a question word opening the clause, or a question.
const DONE: &[&str] = &[
    r"\b(?:solved|resolved|fixed|all sorted|sorted now|sorted it|figured it out|did the trick)\b",
    r"\b(?:that|it|this|everything|all|which|finally|now it) (?:worked|works)\b",
    r"\b(?:works|working|worked) (?:now|again|perfectly|fine|great|like a charm)\b",
    r"\b(?:it|its|thats|that|everything|all|got it) (?:is |now |finally )?working\b",
    r"\b(?:that|this|it|you|which|really|definitely|youve|you have|has) helped\b",
    r"\b(?:that|this|it) helps\b",
    r"\b(?:resuelto|resuelta|solucionado|solucionada|arreglado|arreglada)\b",
    r"\bse (?:soluciono|resolvio|arreglo)\b",
    r"\bfunciono\b",
    r"\b(?:ya|ahora|ahora si) funciona\b",
    r"\bya (?:quedo|sirve)\b",
    r"\bme (?:ha |has )?(?:ayudo|ayudaste|ayudado|sirvio|servido)\b",
    r"\blo (?:logre|resolvi|solucione|arregle)\b",
    r"\b(?:resolvido|resolvida|resolveu|resolvi|funcionou|consegui|ajudou)\b",
    r"\b(?:agora|ja) funciona\b",
    r"\bfunciona agora\b",
    r"\bdeu (?:certo|bom)\b",
    r"\b(?:resolu|resolue|regle|reglee|repare|reparee)\b",
    r"\bca (?:a |re)?(?:marche|fonctionne)\b",
    r"\b(?:ca|cela) m a (?:bien |beaucoup |vraiment )?aide\b",
    r"\b(?:j ai|jai) (?:reussi|trouve)\b",
    r"\b(?:gelost|geloest|behoben|erledigt|geklappt)\b",
    r"\b(?:es|das|jetzt|alles) (?:funktioniert|klappt)\b",
    r"\b(?:funktioniert|klappt|geht) (?:jetzt|wieder|endlich)\b",
    r"\b(?:hat|haben)(?: \w+){0,2} (?:geklappt|funktioniert|geholfen)\b",
];

/// "Perfect"-like adjectives: count only when everything before them in the clause is in
/// [`PREFIX_OK`] (so "that's perfect", not "the perfect gift", "not perfect").
const ADJECTIVE: &[&str] = &[
    r"\b(?:perfect|perfectly|perfecto|perfecta|perfeito|perfeita|parfait|parfaite|perfekt|helpful|util|utile|hilfreich)\b",
];

/// Clauses that, without [`FILLER`], are only one of these are gratitude ("great",
/// "that's great", "ok all good now", "c'est bon", "passt").
const LONE: &[&str] = &[
    "great",
    "awesome",
    "excellent",
    "amazing",
    "brilliant",
    "wonderful",
    "fantastic",
    "cool",
    "nice",
    "all good",
    "all set",
    "sorted",
    "got it",
    "done",
    "genial",
    "excelente",
    "listo",
    "buenisimo",
    "de lujo",
    "todo bien",
    "todo listo",
    "ya esta",
    "otimo",
    "show",
    "beleza",
    "top",
    "tudo certo",
    "certinho",
    "nickel",
    "super",
    "impeccable",
    "c est bon",
    "tout est bon",
    "toll",
    "klasse",
    "prima",
    "passt",
    "alles gut",
    "alles klar",
    "spitze",
    "wunderbar",
];

/// Words dropped before the [`LONE`] comparison; also allowed before an [`ADJECTIVE`].
const FILLER: &[&str] = &[
    "ok",
    "okay",
    "oki",
    "okey",
    "k",
    "oh",
    "ah",
    "wow",
    "yes",
    "yeah",
    "yep",
    "yup",
    "si",
    "sim",
    "oui",
    "ja",
    "now",
    "then",
    "so",
    "very",
    "really",
    "just",
    "that",
    "thats",
    "this",
    "it",
    "its",
    "is",
    "muy",
    "muito",
    "tres",
    "sehr",
    "echt",
    "ahora",
    "agora",
    "maintenant",
    "jetzt",
    "vale",
    "bueno",
    "pues",
    "bom",
    "bem",
    "dale",
    "alors",
    "bon",
    "also",
    "dann",
    "alright",
    "right",
    "well",
];

/// Allowed before an [`ADJECTIVE`], besides [`FILLER`] and the [`LONE`] words.
const PREFIX_OK: &[&str] = &[
    "was",
    "looks",
    "sounds",
    "seems",
    "all",
    "everything",
    "absolutely",
    "simply",
    "quite",
    "esta",
    "es",
    "e",
    "ta",
    "todo",
    "tudo",
    "ficou",
    "quedo",
    "fue",
    "foi",
    "c",
    "est",
    "cest",
    "tout",
    "etait",
    "das",
    "ist",
    "war",
    "alles",
    "ganz",
    "einfach",
];

/// Block a [`DONE`] phrase when in the guard window or inside the match ("hat nicht geholfen").
const NEGATION: &[&str] = &[
    "not", "no", "never", "dont", "doesnt", "didnt", "isnt", "wasnt", "hasnt", "havent", "arent",
    "werent", "wont", "cant", "cannot", "couldnt", "aint", "nothing", "hardly", "barely", "nao",
    "n", "num", "nunca", "nada", "nem", "ne", "pas", "jamais", "rien", "nicht", "nich", "kein",
    "keine", "keinen", "nie", "nichts", "nix", "sin", "sem", "sans", "without",
];

/// Block a [`DONE`] phrase when in the guard window: wish, condition, expectation.
const WISH: &[&str] = &[
    "if",
    "unless",
    "si",
    "se",
    "caso",
    "falls",
    "wenn",
    "ob",
    "when",
    "cuando",
    "quando",
    "quand",
    "wann",
    "until",
    "till",
    "hasta",
    "ate",
    "bis",
    "hope",
    "hoping",
    "hopefully",
    "espero",
    "espere",
    "hoffe",
    "hoffentlich",
    "want",
    "wanted",
    "need",
    "needs",
    "get",
    "must",
    "should",
    "would",
    "will",
    "could",
    "can",
    "might",
    "may",
    "be",
    "to",
    "quiero",
    "queria",
    "quisiera",
    "necesito",
    "debe",
    "deberia",
    "tiene",
    "puede",
    "quero",
    "preciso",
    "deve",
    "deveria",
    "tem",
    "pode",
    "veux",
    "voudrais",
    "dois",
    "doit",
    "faut",
    "peut",
    "muss",
    "soll",
    "sollte",
    "mochte",
    "moechte",
    "brauche",
    "kann",
    "wird",
];

/// A clause opening with one of these is a question even without `?`.
const QUESTION_OPENERS: &[&str] = &[
    "is", "are", "was", "were", "did", "does", "do", "has", "have", "had", "can", "could", "will",
    "would", "should", "how", "when", "why", "what", "where", "which", "who", "cuando", "como",
    "donde", "cual", "quando", "onde", "qual", "quand", "comment", "pourquoi", "ou", "quel",
    "quelle", "est", "wann", "wie", "warum", "wo", "welche", "welcher", "ob",
];

/// Determiners: right before a [`DONE`] word they make it an attribute ("a fixed price").
const DETERMINER: &[&str] = &[
    "the", "a", "an", "my", "your", "el", "la", "los", "las", "un", "una", "mi", "tu", "o", "os",
    "um", "uma", "meu", "minha", "le", "les", "une", "mon", "ma", "der", "die", "den", "dem",
    "ein", "eine", "einen", "einem", "mein", "meine",
];

const THUMBS_DOWN: char = '👎';
const THANKS_EMOJI: [char; 4] = ['👍', '👌', '🙏', '🙌'];

fn compile(parts: &[&str], what: &str) -> Regex {
    let joined = parts
        .iter()
        .map(|p| format!("(?:{})", p.replace("{NICHT}", DE_NICHT)))
        .collect::<Vec<_>>()
        .join("|");
    Regex::new(&joined).unwrap_or_else(|e| panic!("{what} patterns are valid regex: {e}"))
}

static PUSHBACK_RE: LazyLock<Regex> = LazyLock::new(|| {
    let all: Vec<&str> = [
        EN_PUSHBACK,
        ES_PUSHBACK,
        PT_PUSHBACK,
        FR_PUSHBACK,
        DE_PUSHBACK,
    ]
    .concat();
    compile(&all, "pushback")
});
static BENIGN_RE: LazyLock<Regex> = LazyLock::new(|| compile(BENIGN, "benign"));
static THANKS_RE: LazyLock<Regex> = LazyLock::new(|| compile(THANKS, "thanks"));
static THANKS_BENIGN_RE: LazyLock<Regex> =
    LazyLock::new(|| compile(THANKS_BENIGN, "thanks-benign"));
static DONE_RE: LazyLock<Regex> = LazyLock::new(|| compile(DONE, "done"));
static ADJECTIVE_RE: LazyLock<Regex> = LazyLock::new(|| compile(ADJECTIVE, "adjective"));

/// One sentence of the message, normalised, and whether it asks something.
struct Sentence {
    clauses: Vec<String>,
    question: bool,
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '\n' | '\r')
}

/// Cuts the raw text after each run of terminators and normalises each piece.
fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut push = |piece: &str| {
        let clauses = normalize(piece).clauses;
        if !clauses.is_empty() {
            out.push(Sentence {
                clauses,
                question: piece.contains(['?', '¿']),
            });
        }
    };
    let mut start = 0;
    let mut in_run = false;
    for (i, c) in text.char_indices() {
        if is_terminator(c) {
            in_run = true;
        } else if in_run {
            push(&text[start..i]);
            start = i;
            in_run = false;
        }
    }
    push(&text[start..]);
    out
}

/// Up to `n` tokens just before byte `start` of `clause`, nearest last.
fn before(clause: &str, start: usize, n: usize) -> Vec<&str> {
    let mut t: Vec<&str> = clause[..start]
        .split(' ')
        .filter(|t| !t.is_empty())
        .collect();
    let keep = t.len().saturating_sub(n);
    t.drain(..keep);
    t
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Matches of `re` in `clause` that overlap no match of `mask`.
fn unmasked<'c>(re: &Regex, mask: &Regex, clause: &'c str) -> Vec<regex::Match<'c>> {
    let masked: Vec<Range<usize>> = mask.find_iter(clause).map(|m| m.range()).collect();
    re.find_iter(clause)
        .filter(|m| !masked.iter().any(|b| overlaps(b, &m.range())))
        .collect()
}

fn conditional(clause: &str, start: usize) -> bool {
    let window = before(clause, start, GUARD_WINDOW);
    window.iter().any(|t| CONDITIONAL.contains(t))
        || window
            .windows(2)
            .any(|w| w[0] == "s" && matches!(w[1], "il" | "ils")) // French "s'il"
}

fn pushback_in(clause: &str) -> Option<&str> {
    unmasked(&PUSHBACK_RE, &BENIGN_RE, clause)
        .into_iter()
        .find(|m| !conditional(clause, m.start()))
        .map(|m| m.as_str())
}

fn done_blocked(clause: &str, m: &regex::Match) -> bool {
    let window = before(clause, m.start(), GUARD_WINDOW - 1);
    let opener = clause.split(' ').next().unwrap_or_default();
    window
        .iter()
        .any(|t| NEGATION.contains(t) || WISH.contains(t))
        || m.as_str().split(' ').any(|t| NEGATION.contains(&t))
        || window.last().is_some_and(|t| DETERMINER.contains(t))
        || (m.start() > 0 && QUESTION_OPENERS.contains(&opener))
}

fn adjective_ok(clause: &str, m: &regex::Match) -> bool {
    let all_before = before(clause, m.start(), usize::MAX);
    all_before.len() <= GUARD_WINDOW
        && all_before
            .iter()
            .all(|t| FILLER.contains(t) || PREFIX_OK.contains(t) || LONE.contains(t))
}

fn lone(clause: &str) -> bool {
    let rest: Vec<&str> = clause.split(' ').filter(|t| !FILLER.contains(t)).collect();
    !rest.is_empty() && LONE.contains(&rest.join(" ").as_str())
}

/// Gratitude evidence in one clause (pushback is checked separately and wins).
fn gratitude_in(clause: &str, question: bool) -> Option<String> {
    if let Some(m) = unmasked(&THANKS_RE, &THANKS_BENIGN_RE, clause).first() {
        return Some(m.as_str().to_owned());
    }
    if question {
        return None;
    }
    if let Some(m) = DONE_RE.find_iter(clause).find(|m| !done_blocked(clause, m)) {
        return Some(m.as_str().to_owned());
    }
    if let Some(m) = ADJECTIVE_RE
        .find_iter(clause)
        .find(|m| adjective_ok(clause, m))
    {
        return Some(m.as_str().to_owned());
    }
    lone(clause).then(|| clause.to_owned())
}

/// Classifies `text` and says which phrase decided it. Pushback wins over gratitude.
pub fn classify(text: &str) -> Verdict {
    let verdict = |reaction, evidence: String| Verdict {
        reaction,
        evidence: Some(evidence),
    };
    if text.contains(THUMBS_DOWN) {
        return verdict(Reaction::Pushback, THUMBS_DOWN.to_string());
    }
    let sentences = sentences(text);
    let clauses = || {
        sentences
            .iter()
            .flat_map(|s| s.clauses.iter().map(move |c| (c.as_str(), s.question)))
    };
    if let Some(p) = clauses().find_map(|(c, _)| pushback_in(c)) {
        return verdict(Reaction::Pushback, p.to_owned());
    }
    if let Some(g) = clauses().find_map(|(c, q)| gratitude_in(c, q)) {
        return verdict(Reaction::Gratitude, g);
    }
    let only_filler = clauses().all(|(c, _)| c.split(' ').all(|t| FILLER.contains(&t)));
    if only_filler && let Some(e) = text.chars().find(|c| THANKS_EMOJI.contains(c)) {
        return verdict(Reaction::Gratitude, e.to_string());
    }
    Verdict {
        reaction: Reaction::Neutral,
        evidence: None,
    }
}

/// The customer's reaction to the last AI answer; see the module doc for the rules.
pub fn reaction(text: &str) -> Reaction {
    classify(text).reaction
}

/// The customer says the last AI answer did not solve it. Same as
/// `reaction(text) == Reaction::Pushback`.
pub fn pushback(text: &str) -> bool {
    reaction(text) == Reaction::Pushback
}

/// Thanks / solved **and no pushback** ("thanks, but it still fails" is `false`). Same as
/// `reaction(text) == Reaction::Gratitude`; never true together with [`pushback`].
pub fn gratitude(text: &str) -> bool {
    reaction(text) == Reaction::Gratitude
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(text: &str) -> Reaction {
        reaction(text)
    }

    #[test]
    fn patterns_compile() {
        for re in [
            &PUSHBACK_RE,
            &BENIGN_RE,
            &THANKS_RE,
            &THANKS_BENIGN_RE,
            &DONE_RE,
            &ADJECTIVE_RE,
        ] {
            LazyLock::force(re);
        }
    }

    #[test]
    fn pushback_in_five_languages_with_whatsapp_spelling() {
        for t in [
            "That didn't help at all",
            "didnt help",
            "It’s still not working",
            "that doesn’t help",
            "No sirve lo que me dices",
            "no me ayudo",
            "No me ayudó",
            "Isso não ajudou",
            "nao ajudou",
            "Ça n'aide pas",
            "ca n’aide pas",
            "ca naide pas",
            "Das hilft nicht",
            "hilft mir nicht weiter",
        ] {
            assert_eq!(r(t), Reaction::Pushback, "{t}");
            assert!(pushback(t) && !gratitude(t), "{t}");
        }
    }

    /// Every phrase of the list this module replaces (`conversation/customer.rs`) is still
    /// pushback, in its accented and its unaccented spelling.
    #[test]
    fn keeps_the_old_pushback_coverage() {
        for t in [
            "it didn't help",
            "it did not help",
            "it doesn't help",
            "not helpful",
            "not what i meant",
            "that's not it",
            "still not there",
            "it still doesn't load",
            "i still don't get it",
            "still no answer",
            "it didn't work",
            "it doesn't work",
            "not working",
            "wrong answer",
            "you don't understand",
            "that's wrong",
            "no sirve",
            "no me ayuda",
            "no me ayudó",
            "sigue sin llegar",
            "no es lo que pedí",
            "não ajudou",
            "não ajuda",
            "não é isso",
            "ainda não chegou",
            "ça n'aide pas",
            "toujours pas",
            "ce n'est pas ce que je veux",
            "hilft nicht",
            "immer noch nicht",
            "das ist nicht richtig",
        ] {
            assert_eq!(r(t), Reaction::Pushback, "{t}");
            let bare = super::super::normalize::fold(t);
            assert_eq!(r(&bare), Reaction::Pushback, "{bare}");
        }
    }

    #[test]
    fn keeps_the_old_gratitude_coverage() {
        for t in [
            "thank you",
            "thanks",
            "thx",
            "gracias",
            "obrigado",
            "obrigada",
            "merci",
            "danke",
            "perfect",
            "solved",
            "that worked",
        ] {
            assert_eq!(r(t), Reaction::Gratitude, "{t}");
        }
    }

    #[test]
    fn pushback_wins_over_gratitude() {
        for t in [
            "thanks but it still doesn't work",
            "Thanks! But it still doesn't work",
            "gracias, pero sigue sin funcionar",
            "obrigado, mas não resolveu",
            "merci mais ça ne marche toujours pas",
            "Danke, aber es funktioniert immer noch nicht",
        ] {
            assert_eq!(r(t), Reaction::Pushback, "{t}");
            assert!(!gratitude(t), "{t}");
        }
    }

    #[test]
    fn sarcastic_thanks_is_pushback() {
        for t in [
            "thanks for nothing",
            "Gracias por nada",
            "obrigado por nada",
            "merci pour rien",
            "Danke für nichts",
        ] {
            assert_eq!(r(t), Reaction::Pushback, "{t}");
        }
    }

    #[test]
    fn perfect_alone_is_gratitude_not_perfect_is_not() {
        assert_eq!(r("perfect"), Reaction::Gratitude);
        assert_eq!(r("Perfect!"), Reaction::Gratitude);
        assert_eq!(r("that's perfect"), Reaction::Gratitude);
        assert_eq!(r("c'est parfait"), Reaction::Gratitude);
        assert_eq!(r("not perfect"), Reaction::Neutral);
        assert_eq!(r("no es perfecto"), Reaction::Neutral);
        assert_eq!(r("nicht perfekt"), Reaction::Neutral);
        assert_eq!(r("I'm looking for the perfect gift"), Reaction::Neutral);
    }

    #[test]
    fn questions_and_follow_ups_are_neutral() {
        for t in [
            "And how long does delivery take?",
            "Do you have it in blue?",
            "Is it solved on your side?",
            "What if it doesn't work on my phone?",
            "si no me sirve, ¿puedo devolverlo?",
            "Wenn es nicht funktioniert, kann ich es zurückschicken?",
            "Are you open on Thanksgiving?",
            "Thanks in advance, where is my order?",
            "That's not a problem, I can wait",
            "I want this resolved today",
            "help me please 🙏",
            "",
            "ok",
        ] {
            assert_eq!(r(t), Reaction::Neutral, "{t}");
        }
    }

    #[test]
    fn emoji() {
        assert_eq!(r("👍"), Reaction::Gratitude);
        assert_eq!(r("ok 👌"), Reaction::Gratitude);
        assert_eq!(r("👎"), Reaction::Pushback);
        assert_eq!(r("thanks 👎"), Reaction::Pushback);
    }

    #[test]
    fn evidence_is_the_deciding_phrase() {
        let v = classify("Thanks, but it still doesn't work");
        assert_eq!(v.reaction, Reaction::Pushback);
        assert_eq!(v.evidence.as_deref(), Some("still doesnt"));
        let v = classify("Perfecto, muchas gracias");
        assert_eq!(v.evidence.as_deref(), Some("perfecto"));
        assert_eq!(classify("hola").evidence, None);
    }
}
