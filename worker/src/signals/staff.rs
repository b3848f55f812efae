//! `customer_asked`, round 18: a member of staff wanted by name, title or trade, when the
//! message says no more than that (the request frames of [`super::explicit`] come first).
//!
//! The writers of the training sets label these as asks, and the detectors missed them:
//! - a named member of staff asked about as being available ("Hi is Jade available?",
//!   "¿Está Lucía?", "a Juliana tá aí?", "Est-ce que Thomas est dispo ?", "Ist Herr Becker
//!   heute in der Filiale?") or the head of the place ("Ist der Manager da?");
//! - a named member of staff or a trade asked to call ("Kann Toni mich mal anrufen?", "a
//!   Thaís pode me ligar?", "Est-ce que Sandrine, la wedding planner, pourrait me
//!   rappeler ?", "me podría llamar el Lic. Ramírez", "O eletricista pode me ligar antes de
//!   vir?");
//! - being put through to someone by title ("put me through to Dr Hennessy", "Pouvez-vous me
//!   passer le Dr Lambert ?", "parler à M. Ndiaye");
//! - plain frames the main set lacked ("preciso de um operador", "y a un humain dispo ?",
//!   "please call me back", "Chef holen").
//!
//! A name is the word at the match, written with a capital ("Fiona", not "parking") and not
//! the message's first word, or any word after a title; pronouns, places, days, months and
//! colours the slots also take are excluded. Said to be "available" or "working" (as
//! products and services are: "Is Klarna available?"), an untitled name also needs a person
//! cue (a pronoun, a time, a staff word); in German, where every noun is capitalised, an
//! untitled name needs "heute" and a workplace. A talk verb ("parler à M. Ndiaye") needs a
//! wish right before it. Booking with the person ("is Sophie in today? I'd like to book with
//! her"), an errand with them ("I left my umbrella there"), a message to pass on ("tell him
//! thanks") are not asks, nor is anything [`super::explicit`]'s context checks (`not_meant`)
//! say means something else, nor a negated frame, nor a call asked for when something
//! happens. Never fails; the patterns are constants checked by the tests.

use std::sync::LazyLock;

use regex::Regex;

use super::explicit::{self, NOT_A_NAME, NOT_STAFF_NAME, ROLE, TITLE};
use super::normalize::{Normalized, Token};
use super::{Reason, Signal};

/// Trades the main role list lacks, for calls: electricians, plumbers, after-sales.
const TRADES: &str = "secretaire|hygieniste|bijoutier|electrician|eletricista|electricista|electricien|elektriker|plumber|encanador|fontanero|plomero|plombier|klempner|installateur|sanitar|sav|pos venda|postventa|tecnico|tecnica|technicien|techniker|technician";

/// Heads of the place, asked about as there ("Ist der Manager da?", "is the owner in?");
/// "chef" is a cook outside German, so it is German's only ([`HEAD_DE`]).
const HEAD: &str = "manager|managerin|owner|boss|supervisor|inhaber|inhaberin|gerente|encargado|encargada|jefe|jefa|dueno|duena|dono|dona|patron|patronne|gerant|gerante|responsable|responsavel";
const HEAD_DE: &str = "chef|chefin|manager|managerin|inhaber|inhaberin|filialleiter|filialleiterin";

/// How sure a presence pattern is that a person is meant.
#[derive(Clone, Copy, PartialEq)]
enum Presence {
    /// Being there, in, around, on shift: said of people ("is Sophie in?", "a Juliana tá
    /// aí?", "ist Herr Becker da?").
    There,
    /// Available or working: said of products and services too ("Is Klarna available?",
    /// "Is Netflix working?"), so an untitled name also needs a person cue ([`CUE_RE`]).
    Available,
}

/// A named person (group `n`, or group `t` a title before it) or the head of the place
/// (group `r`) asked about as being in or available, per clause, one pattern per language
/// and kind (so one that fails its name check does not hide another's match).
static PRESENT: LazyLock<Vec<(Regex, Presence)>> = LazyLock::new(|| {
    use Presence::{Available, There};
    [
        // en: "is Sophie in today", "is Jade available", "is Fiona working today", "is the
        // manager in"
        (r"^(?:\w+ )?(?:is|s) (?:(?P<t>{TITLE}) )?(?P<n>[a-z]{3,}) (?:in|there|around|on shift|in the office|in the shop|at the shop|in today)(?: (?:today|now|at the moment|this morning|this afternoon|tomorrow))?$", There),
        (r"^(?:\w+ )?(?:is|s) (?:(?P<t>{TITLE}) )?(?P<n>[a-z]{3,}) (?:available|working)(?: (?:today|now|at the moment|this morning|this afternoon|tomorrow))?$", Available),
        (r"^(?:\w+ )?is (?:the|your) (?P<r>{HEAD}) (?:in|around|there|available)(?: (?:today|now))?$", There),
        // es: "está Lucía", "está Marta la encargada", "está el Lic Ramírez"
        (r"^(?:\w+ )?(?:esta|se encuentra) (?:(?:el|la) )?(?:(?P<t>{TITLE}) )?(?P<n>[a-z]{3,})(?: (?:hoy|ahora|por ahi|en la tienda|en el local))?$", There),
        (r"^(?:\w+ )?(?:esta|se encuentra) (?:(?:el|la) )?(?:(?P<t>{TITLE}) )?(?P<n>[a-z]{3,}) disponible(?: (?:hoy|ahora))?$", Available),
        (r"^(?:\w+ )?(?:esta|se encuentra) (?:el|la) (?P<r>{HEAD})(?: (?:hoy|ahora|por ahi|disponible))?$", There),
        // pt: "a Juliana tá aí", "a Júlia está hoje", "o sr. Manuel está"
        (r"^(?:\w+ )?(?:(?:a|o) )?(?:(?P<t>{TITLE}) )?(?P<n>[a-z]{3,}) (?:ta|esta|se encontra)(?: (?:ai|aqui|hoje|ai hoje|por ai|na loja))*$", There),
        (r"^(?:\w+ )?(?:(?:a|o) )?(?:(?P<t>{TITLE}) )?(?P<n>[a-z]{3,}) (?:ta|esta) disponivel(?: (?:hoje|agora))?$", Available),
        (r"^(?:\w+ )?(?:o|a) (?P<r>{HEAD}) (?:ta|esta|se encontra)(?: (?:ai|aqui|hoje|disponivel|por ai|na loja))*$", There),
        // fr: "est-ce que Thomas est là", "Nathalie de l'agence de Liège est disponible"
        (r"\b(?:(?P<t>{TITLE}|m) )?(?P<n>[a-z]{3,})(?: (?:de|du|d) (?:l |la |le )?[a-z]+(?: (?:de|du|d) [a-z]+)?)? (?:est|serait|sera) (?:la|present|presente)(?: (?:aujourd hui|ce matin|cet apres midi|demain))?$", There),
        (r"\b(?:(?P<t>{TITLE}|m) )?(?P<n>[a-z]{3,})(?: (?:de|du|d) (?:l |la |le )?[a-z]+(?: (?:de|du|d) [a-z]+)?)? (?:est|serait|sera) (?:dispo|disponible)(?: (?:aujourd hui|ce matin|cet apres midi|demain))?$", Available),
        (r"\b(?:le|la) (?P<r>{HEAD}) (?:est|serait) (?:dispo|disponible|la)$", There),
        // de: "ist Herr Becker heute in der Filiale", "ist Mia heute im Studio", "ist der
        // Manager da". German capitalises every noun ("Ist Kuchen noch da?"), so an untitled
        // name needs "heute" and a workplace.
        (r"^(?:\w+ )?ist (?:der |die )?(?P<t>herr|frau|dr) (?P<n>[a-z]{3,}) (?:heute |gerade |jetzt |morgen |noch )*(?:da|im (?:buro|laden|studio|salon|geschaft|haus|dienst)|in der (?:filiale|praxis|werkstatt|kanzlei|agentur)|erreichbar|zu erreichen)$", There),
        (r"^(?:\w+ )?ist (?P<n>[a-z]{3,}) heute (?:da|im (?:buro|laden|studio|salon|geschaft|dienst)|in der (?:filiale|praxis|werkstatt|kanzlei|agentur))$", There),
        (r"^(?:\w+ )?ist (?:der|die) (?P<r>{HEAD_DE}) (?:heute |gerade |jetzt |noch )*(?:da|im haus|im buro|erreichbar|zu erreichen)$", There),
    ]
    .into_iter()
    .map(|(p, kind)| {
        let p = p
            .replace("{TITLE}", TITLE)
            .replace("{HEAD_DE}", HEAD_DE)
            .replace("{HEAD}", HEAD);
        (
            Regex::new(&format!("(?-u){p}")).expect("staff-present pattern is valid regex"),
            kind,
        )
    })
    .collect()
});

/// A person cue for an untitled name said to be available: a pronoun for a person, a time
/// ("today", "agora"), or staff words ("Está Marta, la encargada?", "Nathalie de
/// l'agence").
static CUE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?-u)\b(?:she|he|her|him|ella|ela|ele|elle|lui|ihr|ihm|today|now|right now|hoy|ahora|hoje|agora|aujourd hui|maintenant|heute|gerade|jetzt|{HEAD}|(?:de|du|from|do|da|del|von|vom) (?:l |la |le |the |el |a |o |der |dem )?(?:agence|agencia|loja|tienda|local|filiale|office|branch|shop|store|team|equipe|equipo|salon|studio|clinique|clinica|praxis|accueil|reception|recepcion|recepcao))\b"))
        .expect("person-cue pattern is valid regex")
});

/// A named person (`n`, after a title `t`) or a trade (`r`) asked to call the customer, in
/// the whole message (an apposition may sit between the name and the verb).
static CALL: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        // "a Thaís pode me ligar", "Momo peut m'appeler", "Sandrine la wedding planner
        // pourrait me rappeler", "o Marcos do comercial pode me ligar"
        r"\b(?:(?P<t>{TITLE}) )?(?P<n>[a-z]{3,})(?: (?:la|le|el|o|a|the|do|da|de|del|from|vom|von der) [a-z]+(?: [a-z]+)?)? (?:pode|podia|poderia|puede|podria|peut|pourrait|pourra|can|could) (?:\w+ )?(?:me|m) (?:ligar|chamar|retornar|telefonar|llamar|contactar|rappeler|appeler|contacter|recontacter|telephoner)\b",
        // "can Manny hit me up", "could Dr Patel call me", "kann Toni mich mal anrufen"
        r"\b(?:can|could|would) (?:(?P<t>{TITLE}) )?(?P<n>[a-z]{3,}) (?:please )?(?:call|ring|phone|hit) me\b",
        r"\b(?:kann|konnte|konnten|wurde) (?:(?:der |die )?(?P<t>herr|frau|dr) )?(?P<n>[a-z]{3,}) mich (?:\w+ ){0,2}(?:anrufen|zuruckrufen|kontaktieren)\b",
        // "me podría llamar el Lic. Ramírez", "que me llamara Inma"
        r"\bme (?:podria|puede|podrias|puedes|pueda|pudiera) (?:llamar|contactar) (?:(?:el|la) )?(?:(?P<t>{TITLE}) )?(?P<n>[a-z]{3,})\b",
        r"\bque me (?:llame|llamara|llamase|contacte|contactara) (?:(?:el|la) )?(?:(?P<t>{TITLE}) )?(?P<n>[a-z]{3,})\b",
        // a trade: "o eletricista pode me ligar", "le SAV pourrait me contacter"
        r"\b(?:o|a|el|la|le|l|the|der|die) (?P<r>{TRADES}|{ROLE})(?: \w+)? (?:pode|podia|poderia|puede|podria|peut|pourrait|can|could|kann|konnte) (?:\w+ )?(?:me|m|mich) (?:\w+ )?(?:ligar|chamar|retornar|llamar|contactar|rappeler|appeler|contacter|call|ring|phone|anrufen|zuruckrufen)\b",
    ]
    .into_iter()
    .map(|p| {
        let p = p
            .replace("{TITLE}", TITLE)
            .replace("{TRADES}", TRADES)
            .replace("{ROLE}", ROLE);
        Regex::new(&format!("(?-u){p}")).expect("staff-call pattern is valid regex")
    })
    .collect()
});

/// Put through to someone by title ("put me through to Dr Hennessy", "me passer le Dr
/// Lambert", "parler à M. Ndiaye", "mit Herrn Kaiser sprechen"), in the whole message (a
/// title's full stop ends a clause). Group `v` is a talk verb, which needs a request
/// ("I'll talk to Dr Smith about it" is not one); the transfer verbs are requests.
static TITLED: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"\b(?:put me through to|transfer me to|connect me (?:to|with)|pass me (?:over )?to|me passer|passez moi|passe moi|me pasas? con|pasame con|paseme con|comunicame con|me passa (?:pra|para)|verbinden sie mich mit|verbinde mich mit) (?:(?:le|la|el|o|a|the) )?(?P<t>{TITLE}|m) (?P<n>[a-z]{2,})\b",
        r"\b(?P<v>speak (?:to|with)|talk (?:to|with)|parler (?:a|avec)|hablar con|falar com) (?:(?:le|la|el|o|a|the) )?(?P<t>{TITLE}|m) (?P<n>[a-z]{2,})\b",
        r"\bmit (?:(?:dem|der) )?(?P<t>herrn|herr|frau|dr) (?P<n>[a-z]{2,}) (?:\w+ )?(?P<v>sprechen|reden|telefonieren|verbinden|verbunden)\b",
    ]
    .into_iter()
    .map(|p| {
        let p = p.replace("{TITLE}", TITLE);
        Regex::new(&format!("(?-u){p}")).expect("staff-titled pattern is valid regex")
    })
    .collect()
});

/// Wanting or asking to talk, right before a talk verb: "I'd like to speak to Dr Okafor",
/// "je voudrais parler à M. Ndiaye", "ich möchte mit Herrn Kaiser sprechen" (not "I'll talk
/// to Dr Smith about it").
static WANT_BEFORE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u)\b(?:want to|wanna|like to|love to|need to|can i|could i|may i|can we|please|quiero|quisiera|necesito|puedo|podria|queria|gostaria de|posso|poderia|quero|preciso|voudrais|veux|puis je|pourrais je|aimerais|souhaite|souhaiterais|besoin de|mochte|mochten|ich will|wollte|kann ich|konnte ich|darf ich|wurde gerne?|hatte gerne?)(?: \w+)? $")
        .expect("want-before pattern is valid regex")
});

/// Plain frames the main set lacked (not in a message asking to be called when something
/// happens: "please call me back when my car is ready").
static PLAIN_RE: LazyLock<Regex> = LazyLock::new(|| {
    let p = [
        r"\b(?:quero|queria|preciso de|preciso|gostaria de) (?:(?:um|uma) )?(?:operador|consultor|consultora|funcionario|funcionaria|agente|ser humano|pessoa de verdade)\b",
        r"\b(?:y a|il y a|y a t il|ya t il|ya) (?:t il )?(?:un|une) (?:humain|personne|conseiller|conseillere|agent|vrai humain|vraie personne)(?: \w+)? (?:dispo|disponible)\b",
        r"\b(?:please|pls|plz|kindly) (?:call|ring) me back\b",
        r"\b(?:den |die )?(?:chef|chefin|manager|managerin|inhaber|inhaberin|vorgesetzten) (?:holen|herholen)\b|\b(?:chef|chefin) her\b",
    ]
    .map(|f| format!("(?:{f})"))
    .join("|");
    Regex::new(&format!("(?-u){p}")).expect("staff-plain pattern is valid regex")
});

/// Booking with the person asked about, or wanting them to do the work, is not an ask: "is
/// Sophie in today? I'd like to book with her", "quería turno con ella", "marcar com ela",
/// "un rdv avec elle", "Termin bei ihr", "quiero que ella haga el ramo".
static BOOK_WITH_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u)\b(?:book\w*|appointment|reserv\w*|marcar|agendar|cita|turno|hora|horario|rdv|rendez vous|termin)\b(?: \w+){0,4} (?:with|con|com|avec|bei) (?:her|him|ella|el|ela|ele|elle|lui|ihr|ihm)\b|\bque (?:ella|el|ela|ele|elle|il) (?:me )?(?:haga|hagan|faca|fasse|prepare|corte|arregle|coiffe|fasse)\b|\b(?:want|like|need) (?:her|him) to (?:do|make|cut|style|prepare)\b")
        .expect("book-with pattern is valid regex")
});

/// A message for the person, to pass on: "tell him thanks", "dile gracias de mi parte",
/// "diz a ela que adorei", "dites-lui merci", "sag ihr danke".
static PASS_ON_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u)\b(?:tell|give|say|send|dile|digale|decile|dale|diz|diga|fala|manda|dis lui|dites lui|transmettez|sag|sagen sie|richte|richten sie)\b(?: \w+){0,4} (?:thanks|thank you|thx|cheers|gracias|obrigad[oa]|beijo\w*|merci|danke|gruss\w*|hi|hello|hola|oi|bonjour|hallo|abrazo\w*|besos?)\b")
        .expect("pass-on pattern is valid regex")
});

/// An errand with the person asked about: something left, brought, picked up or dropped off
/// ("is Tom in today? I left my umbrella there", "ist die Frau Weber heute da? ich bringe
/// ihr die Unterlagen vorbei", "deixei meu casaco aí").
static ERRAND_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u)\b(?:(?:i|we) (?:left|forgot)|leave (?:my|the|a|an|our|it|them|some)|forgot (?:my|the|a|an|our)|drop\w* off|pick\w* up|collect|bring|bringe|vorbei|vorbeibringen|abholen|abgeben|vergessen|liegen lassen|deixei|esqueci|deixar|buscar|entregar|traigo|traer|deje|olvide|recoger|j ai laisse|laisser|oublie|deposer|passer prendre|recuperer|apporter|apporte)\b")
        .expect("errand pattern is valid regex")
});

/// Capitalised words the name slots take that are not people: days and months (capitalised
/// in English and German, and by some writers everywhere), colours (a product's), words that
/// start a sentence ("Ainda está aí?", "Aqui está?").
const NOT_NAMES: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "januar",
    "februar",
    "marz",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "ainda",
    "aqui",
    "ali",
    "ai",
    "isso",
    "isto",
    "quem",
    "agora",
    "hoje",
    "esto",
    "eso",
    "alli",
    "ahi",
    "ahora",
    "hoy",
    "hier",
    "jetzt",
    "heute",
    "everything",
    "everyone",
    "nobody",
    "rien",
    "cela",
    "ceci",
    "tudo",
    "todo",
    "nada",
    "algo",
    "what",
    "which",
    "who",
    "que",
    "qui",
    "quoi",
    "was",
    "wer",
    "wie",
    "where",
    "donde",
    "onde",
    "ou",
    "wo",
    "tout",
    "todos",
    "todas",
    "alguien",
    "ninguem",
    "nadie",
    "personne",
    "niemand",
    "mama",
    "papa",
    "mae",
    "pai",
    "mum",
    "mom",
    "dad",
    "mami",
    "papi",
    "may",
    "lunes",
    "martes",
    "miercoles",
    "jueves",
    "viernes",
    "sabado",
    "domingo",
    "segunda",
    "terca",
    "quarta",
    "quinta",
    "sexta",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "demain",
    "amanha",
    "manana",
    "morgen",
    "tomorrow",
    "black",
    "white",
    "blue",
    "red",
    "green",
    "noir",
    "blanc",
    "bleu",
    "rouge",
    "negro",
    "blanco",
    "azul",
    "rojo",
    "preto",
    "branco",
    "vermelho",
    "schwarz",
    "weiss",
    "blau",
    "rot",
];

/// The token at byte `at` of `norm.full` (tokens are joined by single spaces there).
fn token_at(norm: &Normalized, at: usize) -> Option<&Token> {
    let index = norm.full.get(..at)?.bytes().filter(|b| *b == b' ').count();
    norm.tokens.get(index)
}

/// Byte offset of clause `i` in `norm.full`.
fn clause_offset(norm: &Normalized, i: usize) -> usize {
    norm.clauses[..i].iter().map(|c| c.len() + 1).sum()
}

/// Whether a match's person (group `n`, after a title `t`, or a head or trade `r`) is
/// someone to want; `offset` is where the matched text starts in `norm.full`. A name is a
/// word the writer capitalised, not the message's first word (any sentence starts with a
/// capital), nor a pronoun, place, thing, day or month; or any word after a title.
fn someone(norm: &Normalized, caps: &regex::Captures, offset: usize) -> Option<String> {
    if let Some(r) = caps.name("r") {
        return Some(r.as_str().to_owned());
    }
    let n = caps.name("n")?;
    let name = n.as_str();
    if NOT_STAFF_NAME.contains(&name) || NOT_A_NAME.contains(&name) || NOT_NAMES.contains(&name) {
        return None;
    }
    if caps.name("t").is_some_and(|t| t.as_str() != "m") {
        return Some(name.to_owned());
    }
    let at = offset + n.start();
    let written = token_at(norm, at).filter(|t| t.text == name)?;
    (written.title && at > 0).then(|| name.to_owned())
}

/// An ask for a member of staff by name, title or trade (see the module doc).
pub(super) fn detect(norm: &Normalized, requesting: bool) -> Option<Signal> {
    let ok = |m: regex::Match, within: &str| {
        !explicit::negated(within, m.start()) && !explicit::not_meant(norm, m.as_str())
    };
    let notifying = explicit::notifying(norm);
    if !notifying {
        for clause in &norm.clauses {
            if let Some(m) = PLAIN_RE.find_iter(clause).find(|m| ok(*m, clause)) {
                return Some(Signal::new(Reason::CustomerAsked, m.as_str(), 0.85));
            }
        }
    }
    for re in TITLED.iter() {
        for caps in re.captures_iter(&norm.full) {
            let m = caps.get(0)?;
            let talk_only = caps.name("v").is_some()
                && !(requesting && WANT_BEFORE_RE.is_match(&norm.full[..m.start()]));
            if let Some(who) = someone(norm, &caps, 0).filter(|_| !talk_only && ok(m, &norm.full)) {
                return Some(Signal::new(
                    Reason::CustomerAsked,
                    format!("put through to: {who}"),
                    0.85,
                ));
            }
        }
    }
    if requesting && !notifying {
        for re in CALL.iter() {
            for caps in re.captures_iter(&norm.full) {
                let m = caps.get(0)?;
                if let Some(who) = someone(norm, &caps, 0).filter(|_| ok(m, &norm.full)) {
                    return Some(Signal::new(
                        Reason::CustomerAsked,
                        format!("call back: {who}"),
                        0.85,
                    ));
                }
            }
        }
    }
    if norm.questions == 0
        || BOOK_WITH_RE.is_match(&norm.full)
        || PASS_ON_RE.is_match(&norm.full)
        || ERRAND_RE.is_match(&norm.full)
    {
        return None;
    }
    let cue = CUE_RE.is_match(&norm.full);
    for (i, clause) in norm.clauses.iter().enumerate() {
        let offset = clause_offset(norm, i);
        for (re, kind) in PRESENT.iter() {
            let Some(caps) = re.captures(clause) else {
                continue;
            };
            let m = caps.get(0)?;
            let needs_cue = *kind == Presence::Available && caps.name("t").is_none();
            if needs_cue && !cue {
                continue;
            }
            if let Some(who) = someone(norm, &caps, offset).filter(|_| ok(m, clause)) {
                return Some(Signal::new(
                    Reason::CustomerAsked,
                    format!("named staff: {who} available"),
                    0.85,
                ));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::normalize::normalize;
    use super::*;

    fn asks(text: &str) -> bool {
        let norm = normalize(text);
        detect(&norm, explicit::requesting(&norm)).is_some()
    }

    #[test]
    fn staff_asked_about_as_available_in_five_languages() {
        for t in [
            "Hi is Jade available? she helped me with my order last week",
            "is Fiona working today?",
            "¿Está Lucía? ayer me atendió ella",
            "Está Marta, la encargada?",
            "oi, a Juliana tá ai?",
            "A Júlia está hoje?",
            "Est-ce que Thomas est dispo ? c'est lui qui suit mon dossier",
            "Est-ce que Nathalie de l'agence de Liège est disponible?",
            "Ist Herr Becker heute in der Filiale?",
            "Ist der Manager da?",
            "is the owner in today?",
            "Hallo, ist Mia heute im Studio?",
        ] {
            assert!(asks(t), "{t}");
        }
    }

    #[test]
    fn named_people_or_trades_asked_to_call() {
        for t in [
            "Kann Toni mich mal anrufen? Wegen 40 Pizzen",
            "a Thaís pode me ligar? I have some questions",
            "Est-ce que Momo peut m'appeler ?",
            "Est-ce que Sandrine, la wedding planner, pourrait me rappeler ?",
            "Me gustaría que me llamara Inma, la organizadora",
            "Buen día, ¿me podría llamar el Lic. Ramírez?",
            "O eletricista pode me ligar antes de vir?",
            "Yo can Manny hit me up?",
            "Bom dia, o Marcos do comercial pode me ligar?",
        ] {
            assert!(asks(t), "{t}");
        }
    }

    #[test]
    fn put_through_by_title_and_plain_frames() {
        for t in [
            "Please put me through to Dr Hennessy",
            "Pouvez-vous me passer le Dr Lambert?",
            "Je voudrais parler à M. Ndiaye de l'agence du Plateau",
            "Ich möchte mit Herrn Kaiser sprechen",
            "Boa tarde, preciso de um operador",
            "y a un humain dispo pour m'aider ?",
            "hello please call me back",
            "Euer Bot versteht nix, Chef holen, aber zackig",
        ] {
            assert!(asks(t), "{t}");
        }
    }

    #[test]
    fn things_people_and_bookings_are_not_asks() {
        for t in [
            "is parking available?",
            "is delivery available on sundays?",
            "Is Sophie in today? I'd like to book a cut with her",
            "está abierto hoy?",
            "a loja tá aberta?",
            "est-ce que le magasin est ouvert ?",
            "ist das Paket heute da?",
            "is it available in blue?",
            "the courier can call me when he arrives",
            "Ist der Laden heute da?",
            "Maria is available on Tuesday, my sister I mean, so book us both",
            "ich möchte nicht mit Herrn Kaiser sprechen",
            "Is Tom there? tell him thanks for the great cut yesterday!",
            "my husband can call me when he is done",
            "is Carmen working el sábado? quiero que ella haga el ramo",
            "Ist Gluten in der Soße?",
            "Ist Frühstück im Preis?",
            "Hallo! Ist Ware im Lager?",
            "Ist Kuchen noch da?",
            "Is Netflix working?",
            "Is Uber available here?",
            "Is Klarna available?",
            "What is Pilates about?",
            "Is May available for the wedding?",
            "O Pix está disponível?",
            "¿Está Bizum disponible?",
            "Netflix est dispo ?",
            "Le Noir est disponible ?",
            "Bonjour. Demain est dispo ?",
            "Is your chef available for private events?",
            "I'll talk to Dr Smith about it at my appointment",
            "Por favor, ¿me puede escribir por correo el presupuesto?",
            "Please call me back when my car is ready",
            "I asked the manager her name and she just walked away",
            "Ele pode mesmo ligar amanhã?",
            "is Tom in today? I left my umbrella there yesterday",
            "is Dr Okafor still working there? she did my fillings years ago",
            "ist die Frau Weber heute da? ich bringe ihr die Unterlagen vorbei",
        ] {
            assert!(!asks(t), "{t}");
        }
    }
}
