//! Situations that need a human, recognised by **co-occurring concepts** rather than by
//! fixed phrases: account security (hacked, someone used or logged into my account, freeze
//! or block it, stolen phone, SIM swap, details given to a doubtful message) and money taken
//! wrongly (charged twice, the wrong amount, a charge nobody recognises, charged for a
//! cancelled order or charges continuing after it, the same amount twice or an entry not
//! mine on a statement, unauthorised).
//!
//! Each [`Concept`] is a small multilingual word family (en/es/pt/fr/de, normalised and
//! canonical spelling, stems as `\w*` suffixes: `cobr\w+` covers cobraron/cobrado/cobrança);
//! a [`Rule`] fires when all its concepts occur in one clause, or anywhere in the message
//! for the looser ones. So "hay un cargo en mi tarjeta que no reconozco" and "there is a
//! charge on my card from you that I don't recognise" are the same rule, whatever the word
//! order or the words in between. What stays out: paying in two instalments (paying is not
//! a charge), "how do I change my password" (no one else, no "wasn't me"), a security
//! camera, "if I cancel will I be charged" (a condition).
//!
//! Concepts are one `RegexSet`, compiled once; a message costs one set match per clause.
//! Never fails.

use std::sync::LazyLock;

use regex::RegexSet;

use super::normalize::Normalized;

/// A word family the rules combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Concept {
    Account,
    Credential,
    Card,
    HackedWord,
    Hack,
    Someone,
    Access,
    NotMe,
    BlockRequest,
    Phone,
    Stolen,
    Sim,
    SimAttack,
    Charge,
    ChargePast,
    Multi,
    Wrong,
    AmountSwap,
    Unknown,
    PaymentNoun,
    ChargeNoun,
    Cancel,
    Conditional,
    Modal,
    Unauthorised,
    Refund,
    LongTime,
    StillMissing,
    DeathStrong,
    DeathWeak,
    Family,
    Link,
    Click,
    Entered,
    LoginNoun,
    WasItYou,
    FakeMessage,
    Despite,
    LockedOut,
    Statement,
    SameDay,
    Continuing,
    Inbound,
    Asking,
    Secret,
    Already,
    Normally,
}

use Concept::*;

/// Patterns in [`Concept`] order (checked by a test).
pub(super) const CONCEPTS: &[(Concept, &str)] = &[
    (
        Account,
        r"accounts?|cuentas?|conta|compte|konto|profile|perfil|profil|login|app|whatsapp|user|usuario|utilisateur|benutzerkonto",
    ),
    (
        Credential,
        r"password|passwort|kennwort|contrasena|clave|senha|mot de passe|mdp|pin|email|e mail|mail|correo|phone number|numero|nummer|handynummer",
    ),
    (
        Card,
        r"card details|bank details|datos bancarios|datos de (?:la |mi )?tarjeta|dados bancarios|dados do cartao|donnees bancaires|coordonnees bancaires|bankdaten|kartendaten|bankverbindung|cards?|credit card|debit card|tarjetas?|cartao|cartoes|cartes?|karten?|kreditkarte|bank|banco|banque|badge|zugangskarte|keycard|key card|cracha",
    ),
    (
        HackedWord,
        r"hacked|hackead[oa]s?|hackearon|hackeo|hackeou|hackearam|gehackt|hackers?|piratage|pirated",
    ),
    (
        Hack,
        r"hack\w*|pirat(?:e|ee|es|ees|er)|invad\w+|invasion|compromised|comprometid[oa]|compromis|kompromittiert|eingebrochen",
    ),
    (
        Someone,
        r"someone|somebody|some one|someone else|a stranger|strangers|alguien|alguem|desconocid[oa]|desconhecid[oa]|quelqu un|un inconnu|jemand|jemanden|fremde\w*|hackers?|ladron|ladrao|voleur",
    ),
    (
        Access,
        r"trocaram|trocou|alteraram|alterou|changee|geandert|modifiziert|used|using|uses|usado|usada|utilizado|utilizada|utilise|utilisee|benutzt|verwendet|reset|resetead[oa]|redefinid[oa]|reinitialise|zuruckgesetzt|accessed|paid|hizo|hicieron|pago|pagaron|fez|fizeram|pagou|pagaram|paye|bezahlt|logged|log in|logged in|signed in|got into|get into|entered|broke into|bought|ordered|purchased|changed|uso|usaron|usando|utilizo|utilizaron|entro|entraron|accedio|accedieron|compro|compraron|cambio|cambiaron|usou|usaram|utilizou|entrou|entraram|acessou|acessaram|comprou|compraram|mudou|mudaram|trocou|trocaram|alterou|alteraram|utilise|connecte|accede|commande|achete|change|modifie|benutzt|genutzt|verwendet|eingeloggt|angemeldet|zugegriffen|bestellt|gekauft|geandert",
    ),
    (
        NotMe,
        r"wasnt me|was not me|not me|(?:i )?(?:didnt|did not) (?:do|request|ask for) (?:it|that|this|one)|(?:i )?never (?:asked for|requested) (?:it|that|this|one)|yo no (?:lo )?(?:hice|pedi|solicite)|eu nao (?:fiz|pedi|solicitei)|je n ai (?:rien )?(?:demande|fait)|ich habe (?:das )?nicht (?:angefordert|gemacht|beantragt)|no fui yo|no fui|no era yo|nao fui eu|nao fui|nao era eu|pas moi|sans moi|war ich nicht|nicht ich|ohne mich|nicht von mir|without me|without my (?:permission|consent|knowledge)|sin (?:mi )?(?:permiso|autorizacion)|sem (?:minha )?(?:permissao|autorizacao)|sans (?:mon )?(?:accord|autorisation)|ohne (?:meine )?(?:erlaubnis|zustimmung)|(?:didnt|did not|never) (?:make|made|order|ordered|buy|bought|place|placed|authori[sz]e|authori[sz]ed)|no (?:hice|compre|pedi|autorice)|nao (?:fiz|comprei|pedi|autorizei)|(?:j ai|je n ai) (?:pas|jamais) (?:fait\w*|commande\w*|achete\w*|autorise\w*)|nicht (?:gemacht|bestellt|gekauft|autorisiert)|nie bestellt|(?:havent|have not|hadnt) (?:ordered|bought|purchased) (?:anything|a thing)|no he (?:pedido|comprado) nada|nao (?:pedi|comprei) nada|je n ai rien (?:commande|achete)|(?:habe|hab) nichts (?:bestellt|gekauft)",
    ),
    (
        BlockRequest,
        r"freeze|block|lock|suspend|disable|deactivate|congel(?:a|e|en|ar)|bloque(?:a|e|en|ar|ia|ie|iem|z|r)|suspend(?:a|an|er|ez)|desactiv(?:a|e|en|ar|ez|er)|desativ(?:a|e|ar)|gele[rz]?|sperren|sperrt|sperre|einfrieren|deaktivieren",
    ),
    (
        Phone,
        r"phone|cell|cellphone|mobile|iphone|smartphone|celular|telefono|movil|telemovel|telephone|portable|handy|mobiltelefon",
    ),
    (
        Stolen,
        r"stolen|stole|robbed|robaron|robado|robada|roubaram|roubado|roubada|furtad[oa]|furtaram|vole|volee|gestohlen|geklaut|entwendet",
    ),
    (Sim, r"sim|chip|simkarte|esim"),
    (
        SimAttack,
        r"swap\w*|clon\w*|duplicad[oa]|dupliqu\w*|ported|portad[oa]|gekapert|getauscht|kopiert",
    ),
    (
        Charge,
        r"charged|charging|charge|charges|billed|bill me|overcharg\w*|took|taken|deducted|debited|withdrawn|cobr\w+|cargaron|cargado|descont\w+|debit\w*|prelev\w+|factur\w+|abbuch\w*|abgebucht|belast\w*|berechnet|abgezogen|eingezogen",
    ),
    (
        ChargePast,
        r"(?:siguen|sigue|continuan|continua|continuam|continua|seguem|continuez a|continuent a|continue a|keep|keeps|kept|still) (?:me |a me |m )?(?:\w+ )?(?:cobrando|cobrar|charging|billing|taking|prelever|debitando|descontando|debiter|abbuchen|tirar|caindo|cayendo|sacando|quitando)|bucht\w* (?:\w+ ){0,4}ab|buchen (?:\w+ ){0,4}ab|charged|charging me|billed|billing me|overcharged|took|taken|deducted|debited|withdrawn|cobr(?:aron|ado|ada|ados|adas|aste|asteis|aram|ou|o|ei)|me cobran|me cobra|me cobram|cargaron|descontaron|descontaram|debitaron|debitado|debitada|debitaram|debite|preleve|prelevee|facture|abgebucht|belastet|berechnet|abgezogen|eingezogen",
    ),
    (
        Multi,
        r"(?:two|2|dos|dois|duas|deux|zwei|three|3|tres|trois|drei) (?:charges|cargos|cobros|cobrancas|debitos|debits|prelevements|abbuchungen|transactions|transacciones|transacoes)|(?:for|por|pelo|pela|pour|fur) (?:the same|el mismo|la misma|o mesmo|a mesma|la meme|le meme|dieselbe|denselben) (?:order|pedido|compra|commande|achat|bestellung|einkauf|reservation|reserva|booking|buchung|subscription|suscripcion|assinatura|abonnement)|twice|double|doubled|two times|three times|thrice|\d+ times|\d+x|dos veces|tres veces|\d+ veces|doble|duplicad[oa]s?|duas vezes|tres vezes|\d+ vezes|em dobro|dobrad[oa]|deux fois|trois fois|\d+ fois|en double|zweimal|dreimal|\d+ mal|doppelt|mehrfach",
    ),
    (
        Wrong,
        r"wrong|wrongly|incorrect\w*|too much|overcharg\w*|de mas|de mais|a mais|errad[oa]|equivocad[oa]|indebid[oa]|indevid[oa]|en trop|a tort|errone\w*|falsch\w*|zu viel|zuviel",
    ),
    (
        AmountSwap,
        r"\d+ (?:\w+ )?(?:instead of|rather than|not|en lugar de|en vez de|em vez de|ao inves de|au lieu de|statt|anstatt) \d+|(?:it was|era|etait|war|sollte) \d+",
    ),
    (
        Unknown,
        r"(?:dont|do not|didnt|did not|cant|cannot) recogni[sz]e|unrecogni[sz]ed|unknown|strange|weird|suspicious|no (?:la |lo |los |las )?reconozco|desconozco|desconocid[oa]s?|rar[oa]s|extran[oa]s?|sospechos[oa]s?|nao (?:a |o )?reconheco|desconhecid[oa]s?|estranh[oa]s?|suspeit[oa]s?|(?:ne )?(?:la |le |les )?reconnais pas|inconnu\w*|bizarres?|suspect\w*|louche\w*|nicht (?:kenne|erkenne)|unbekannt\w*|seltsam\w*|komisch\w*|merkwurdig\w*|verdachtig\w*|another country|other country|otro pais|outro pais|autre pays|anderen land|new device|otro dispositivo|outro dispositivo|autre appareil|unbekannten gerat|nicht zuordnen|(?:cant|cannot|can t) place",
    ),
    (
        PaymentNoun,
        r"purchases?|transactions?|payments?|charges?|debits?|compras?|cargos?|cobros?|transaccion\w*|pagos?|cobrancas?|transac\w+|pagamentos?|achats?|prelevements?|paiements?|kaufe?|abbuchung\w*|zahlung\w*|buchung\w*|belastung\w*",
    ),
    (
        ChargeNoun,
        r"charges?|debits?|debitos?|transactions?|cargos?|cobros?|cobrancas?|transaccion\w*|transac\w+|prelevements?|abbuchung\w*|belastung\w*|buchung\w*",
    ),
    (
        Cancel,
        r"cancel\w*|(?:di|dado|dar|dimos) de baja|resili\w+|gekundigt|kundigung|abgemeldet|unsubscribed|anulad[oa]|annul\w*|storniert|storno|nunca llego|no llego|nao chegou|never arrived|jamais (?:arrive|recu)|nie angekommen",
    ),
    (
        Conditional,
        r"if|si|wenn|falls|ob|will i|would i|in case|en caso de|caso|pending|pendiente|pendientes|pendente|pendentes|en attente|ausstehend|vorgemerkt",
    ),
    (
        Modal,
        r"can|could|may|might|puede|pueden|podria|pode|podem|poderia|peut|peuvent|pourrait|kann|konnen|darf|durfen",
    ),
    (
        Unauthorised,
        r"unauthori[sz]ed|not authori[sz]ed|no autorizad[oa]s?|nao autorizad[oa]s?|non autorise\w*|nicht autorisiert\w*|ohne autorisierung",
    ),
    (
        Refund,
        r"refund\w*|reembols\w*|estorno|estornad[oa]|remboursement|rembourse\w*|erstattung|ruckerstattung|erstattet|geld zuruck|money back|dinero de vuelta|dinheiro de volta",
    ),
    (
        LongTime,
        r"(?:\d+|two|three|four|five|six|several|many|dos|tres|cuatro|cinco|seis|varias|muchas|duas|quatro|varias|deux|trois|quatre|cinq|plusieurs|zwei|drei|vier|funf|mehrere|mehreren) (?:weeks?|semanas?|semaines?|wochen|months?|meses|mois|monate|monaten)|(?:a|one|un|una|uma|um|une|einem|einen|ein) (?:month|mes|mois|monat)|(?:for|hace|faz|ha|depuis|seit) (?:weeks|months|semanas|meses|semaines|mois|wochen|monaten)",
    ),
    (
        StillMissing,
        r"still|yet|never|havent|hasnt|not received|no (?:refund|money|reembolso|reembolsos|estorno)|kein\w*|ningun\w*|nenhum\w*|aucun\w*|pas de|todavia|aun|ainda|toujours|noch|sin|sem|sans|ohne|waiting|waited|esperando|espero|aguardando|attends|attente|warte\w*|nada|nothing|rien|nichts|nunca|jamais|nie|nao caiu|no ha llegado|no llega",
    ),
    (
        DeathStrong,
        r"passed away|deceased|fallecio|fallecid[oa]|faleceu|falecid[oa]|decede\w*|deces|verstorben\w*|verstarb|death certificate|certificado de defuncion|acta de defuncion|certidao de obito|acte de deces|sterbeurkunde|late (?:husband|wife|father|mother|mom|mum|dad|son|daughter|partner|brother|sister)",
    ),
    (
        DeathWeak,
        r"died|dead|death|murio|muerto|muerta|muerte|morreu|morto|morta|morte|mort|morte|gestorben|tot|tod",
    ),
    (
        Family,
        r"husband|wife|father|mother|dad|mom|mum|son|daughter|grandma|grandmother|grandfather|grandpa|brother|sister|partner|uncle|aunt|marido|esposa|esposo|padre|madre|papa|mama|hijo|hija|abuela|abuelo|hermano|hermana|mujer|pai|mae|filho|filha|avo|irmao|irma|mari|femme|pere|mere|fils|fille|grand mere|grand pere|frere|soeur|mann|frau|vater|mutter|sohn|tochter|oma|opa|bruder|schwester|account holder|titular|titulaire|kontoinhaber\w*",
    ),
    (Link, r"link|links|enlace|lien|liga"),
    (
        Click,
        r"clicked|clicking|tapped|clic|click|clique|cliquei|cliquer|pinche|geklickt|angeklickt",
    ),
    (
        Entered,
        r"entered|typed|put in|gave|filled in|puse|meti|introduje|ingrese|di mis|coloquei|digitei|passei|informei|mis|saisi|entre|donne|rentre|eingegeben|angegeben|eingetragen",
    ),
    (
        LoginNoun,
        r"logins?|sign ins?|login attempts?|sessions?|inicios? de sesion|accesos?|acessos?|logins? estranhos|connexions?|anmeldungen|anmeldeversuche?|logins?",
    ),
    (
        WasItYou,
        r"(?:was|is) (?:it|this|that) (?:really )?(?:you|from you)|is (?:it|this) legit|(?:c etait|c est|etait ce) (?:bien )?vous|ca vient de vous|(?:eran|fueron|son|era) (?:ustedes|vosotros)|es de ustedes|(?:foram|eram|sao|era|e) (?:voces|vcs)|(?:waren|sind) sie das|(?:war|ist|kam) das (?:wirklich )?(?:von )?(?:ihnen|euch)",
    ),
    (
        FakeMessage,
        r"(?:sms|text|mail|email|e mail|correo|mensaje|mensagem|message|link|enlace|lien|nachricht) (?:\w+ )?(?:raro|rara|falso|falsa|estranho|estranha|bizarre|suspect|suspicious|dodgy|fake|weird|strange|seltsam\w*|komisch\w*|gefalscht\w*|verdachtig\w*)|(?:fake|suspicious|weird|strange|dodgy|faux|fausse|falsche\w*|seltsame\w*|komische\w*) (?:sms|text|mail|email|message|link|lien|nachricht)",
    ),
    (
        Despite,
        r"even though|although|despite|after i|aunque|a pesar de|pese a|apesar de|mesmo (?:tendo|depois)|embora|alors que|bien que|malgre|obwohl|trotz|trotzdem",
    ),
    (
        LockedOut,
        r"(?:cant|cannot|can t|unable to) (?:access|log in|login|sign in|get into)|locked out|no puedo (?:entrar|acceder|iniciar sesion)|nao consigo (?:entrar|acessar|logar)|(?:ne peux|n arrive) (?:plus |pas )?(?:me connecter|acceder)|komme nicht (?:mehr )?rein|kann mich nicht (?:mehr )?anmelden|kein zugriff",
    ),
    (
        Statement,
        r"statement|bank statement|card statement|releve|extrato|extracto|estado de cuenta|resumen de (?:la |mi )?tarjeta|fatura do cartao|kontoauszug\w*|kreditkartenabrechnung|bank app|banking app|app do banco|app del banco|appli (?:de (?:la |ma )?)?banque",
    ),
    (
        SameDay,
        r"another (?:one )?(?:on )?the same day|and another|le lendemain|le meme jour|el mismo dia|al dia siguiente|no mesmo dia|mesmo dia|no dia seguinte|am selben tag|am gleichen tag|am nachsten tag|et encore|i only (?:have|ordered|bought|made|booked) one|solo (?:tengo|compre|pedi|hice|reserve) (?:una?|uno)|so (?:comprei|pedi|tenho|fiz|reservei) (?:um|uma)|je n ai (?:qu|pris qu|commande qu|reserve qu)|ich habe nur (?:eine?n?|einmal)",
    ),
    (
        Continuing,
        r"continu\w*|keeps? (?:coming|going|charging|taking)|encore (?:un|une)|another|otro|otra|outro|outra|noch (?:eine?|ein)|siguen|seguem|toujours|weiterhin|immer noch|nach wie vor|every month|todos los meses|todo (?:o )?mes|tous les mois|jeden monat|each month",
    ),
    (
        Inbound,
        r"email|e mail|mail|text|sms|correo|courriel|whatsapp|mensaje|mensagem|message|nachricht|llamada|ligacao|appel|anruf",
    ),
    (
        Asking,
        r"asking|asked me|asks me|pidiendo\w*|pidiendome|me pide|me pidio|pedindo|me pediu|me demandant|demandant|qui demande|fragt|fragte|bittet|aufgefordert|verlangt|forderte",
    ),
    (
        Secret,
        r"codes?|codigos?|dni|id|passport|pasaporte|passaporte|ausweis|cvv|cvc|pin|password|contrasena|senha|mot de passe|passwort|virement|transferencia|uberweisung|infos? bancaires|informations bancaires|nuevo (?:numero de )?cuenta|nova conta|nouveau compte|neues konto|new account|new bank account",
    ),
    (
        Already,
        r"already|ya (?:lo |la |los |las )?(?:mande|envie|puse|pague|di|hice|complete|llene)|ja (?:passei|mandei|enviei|paguei|fiz|preenchi|coloquei)|eu passei|deja (?:rempli|paye|envoye|fait)|j ai deja|j ai fait le virement|schon (?:eingegeben|bezahlt|uberwiesen|geschickt)|bereits (?:eingegeben|bezahlt|uberwiesen|geschickt)|clicked|before i thought|i (?:filled|entered|sent|paid|gave)",
    ),
    (
        Normally,
        r"normal|normally|normalement|normalmente|normalerweise|as usual|como siempre|como sempre|comme d habitude|wie gewohnt|wie immer",
    ),
];

static SET: LazyLock<RegexSet> = LazyLock::new(|| {
    regex::RegexSetBuilder::new(CONCEPTS.iter().map(|(_, p)| format!(r"(?-u)\b(?:{p})\b")))
        .dfa_size_limit(32 << 20)
        .build()
        .expect("situation concepts are valid regex")
});

/// Concepts present in a piece of normalised text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Concepts(u64);

impl Concepts {
    fn of(text: &str) -> Self {
        Self(SET.matches(text).iter().fold(0, |acc, i| acc | 1 << i))
    }
    fn has(self, c: Concept) -> bool {
        self.0 & (1 << c as u8) != 0
    }
    fn any(self, cs: &[Concept]) -> bool {
        cs.iter().any(|c| self.has(*c))
    }
}

/// Where a rule's concepts must co-occur.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Clause,
    Message,
}

/// Fires when, within its scope, every group in `all` has at least one concept present and
/// no concept of `unless` is.
struct Rule {
    name: &'static str,
    scope: Scope,
    all: &'static [&'static [Concept]],
    unless: &'static [Concept],
}

const fn rule(
    name: &'static str,
    scope: Scope,
    all: &'static [&'static [Concept]],
    unless: &'static [Concept],
) -> Rule {
    Rule {
        name,
        scope,
        all,
        unless,
    }
}

const OWNED: &[Concept] = &[Account, Credential, Card];
const BLOCKABLE: &[Concept] = &[Account, Card];

/// Account-security situations.
const SECURITY: &[Rule] = &[
    rule("hacked", Scope::Message, &[&[HackedWord]], &[]),
    rule("account hacked", Scope::Clause, &[&[Hack], OWNED], &[]),
    rule(
        "someone else used the account",
        Scope::Clause,
        &[&[Someone], &[Access], OWNED],
        &[Conditional, Modal],
    ),
    rule("not me", Scope::Message, &[&[NotMe], OWNED], &[]),
    rule(
        "locked out, login details changed",
        Scope::Message,
        &[&[LockedOut], &[Credential], &[Access]],
        &[Conditional],
    ),
    rule(
        "strange logins",
        Scope::Clause,
        &[&[LoginNoun], &[Unknown]],
        &[Conditional],
    ),
    rule(
        "block it",
        Scope::Clause,
        &[&[BlockRequest], BLOCKABLE],
        &[],
    ),
    rule("stolen phone", Scope::Message, &[&[Phone], &[Stolen]], &[]),
    rule("sim swap", Scope::Clause, &[&[Sim], &[SimAttack]], &[]),
    rule(
        "account holder died",
        Scope::Message,
        &[&[DeathStrong]],
        &[],
    ),
    rule(
        "account holder died",
        Scope::Clause,
        &[&[DeathWeak], &[Family]],
        &[],
    ),
    rule(
        "card details given to a doubtful link",
        Scope::Message,
        &[
            &[Link],
            &[Entered],
            &[Card, Credential],
            &[WasItYou, FakeMessage],
        ],
        &[Conditional],
    ),
    rule(
        "details asked for by a doubtful message",
        Scope::Message,
        &[
            &[Inbound],
            &[Asking],
            &[Card, Secret],
            &[WasItYou, FakeMessage, Already],
        ],
        &[],
    ),
    rule(
        "card details given to a link",
        Scope::Message,
        &[&[Link], &[Click], &[Entered], &[Card, Credential]],
        &[Conditional],
    ),
];

/// Money taken twice or wrongly.
const MONEY: &[Rule] = &[
    rule(
        "charged twice",
        Scope::Clause,
        &[&[ChargePast], &[Multi]],
        &[Conditional],
    ),
    rule(
        "duplicate charge",
        Scope::Clause,
        &[&[ChargeNoun], &[Multi]],
        &[Conditional],
    ),
    rule(
        "charged wrongly",
        Scope::Clause,
        &[&[Charge], &[Wrong]],
        &[],
    ),
    rule(
        "charged the wrong amount",
        Scope::Clause,
        &[&[ChargePast, ChargeNoun], &[AmountSwap]],
        &[],
    ),
    rule(
        "unrecognised charge",
        Scope::Clause,
        &[&[Charge, PaymentNoun], &[Unknown]],
        &[],
    ),
    rule(
        "charged for a cancelled order",
        Scope::Message,
        &[&[ChargePast], &[Cancel]],
        &[Conditional],
    ),
    rule(
        "charged even though cancelled",
        Scope::Message,
        &[&[ChargeNoun, ChargePast], &[Cancel], &[Despite]],
        &[Conditional],
    ),
    rule(
        "charge not made by me",
        Scope::Clause,
        &[&[NotMe], &[Charge, PaymentNoun]],
        &[],
    ),
    rule(
        "unauthorised payment",
        Scope::Clause,
        &[&[Unauthorised], &[Charge, PaymentNoun, Card]],
        &[],
    ),
    rule(
        "the same charge twice on a statement",
        Scope::Message,
        &[&[Statement], &[Multi, SameDay]],
        &[Conditional, Modal],
    ),
    rule(
        "a statement entry not made by me",
        Scope::Message,
        &[&[Statement], &[NotMe]],
        &[Conditional],
    ),
    rule(
        "charges continuing after cancelling",
        Scope::Message,
        &[&[Cancel], &[ChargeNoun, Card, ChargePast], &[Continuing]],
        &[Conditional, Normally],
    ),
    rule(
        "refund missing for weeks",
        Scope::Message,
        &[&[Refund], &[LongTime], &[StillMissing]],
        &[Conditional],
    ),
];

fn first_match(rules: &[Rule], norm: &Normalized) -> Option<&'static str> {
    let holds = |r: &Rule, c: Concepts| r.all.iter().all(|g| c.any(g)) && !c.any(r.unless);
    // One pass over the whole text first: what a clause contains, the text contains, so
    // most messages stop here without a pass per clause.
    let whole = Concepts::of(&norm.full);
    if !rules.iter().any(|r| r.all.iter().all(|g| whole.any(g))) {
        return None;
    }
    let clauses: Vec<Concepts> = norm.clauses.iter().map(|c| Concepts::of(c)).collect();
    let message = Concepts(clauses.iter().fold(0, |acc, c| acc | c.0));
    rules
        .iter()
        .find(|r| match r.scope {
            Scope::Message => holds(r, message),
            Scope::Clause => clauses.iter().any(|c| holds(r, *c)),
        })
        .map(|r| r.name)
}

/// Whether `phrase` speaks of being charged and its `clause` states a condition ("will I be
/// charged twice if I reorder", "me cobran dos veces si pago en cuotas"): a question, not
/// a complaint. A threat stays one ("a chargeback if this isn't fixed").
pub fn hypothetical_charge(phrase: &str, clause: &str) -> bool {
    Concepts::of(phrase).any(&[Charge, ChargePast]) && Concepts::of(clause).has(Conditional)
}

/// The account-security situation `norm` describes, if any.
pub fn security(norm: &Normalized) -> Option<&'static str> {
    first_match(SECURITY, norm)
}

/// The money-taken-wrongly situation `norm` describes, if any.
pub fn money(norm: &Normalized) -> Option<&'static str> {
    first_match(MONEY, norm)
}

#[cfg(test)]
mod tests {
    use super::super::canon::canonicalize;
    use super::super::normalize::normalize;
    use super::*;

    fn sec(t: &str) -> Option<&'static str> {
        security(&canonicalize(&normalize(t)))
    }
    fn mon(t: &str) -> Option<&'static str> {
        money(&canonicalize(&normalize(t)))
    }

    #[test]
    fn concepts_are_in_enum_order() {
        for (i, (c, _)) in CONCEPTS.iter().enumerate() {
            assert_eq!(*c as usize, i, "{c:?}");
        }
        assert!(CONCEPTS.len() <= 64);
    }

    #[test]
    fn security_situations_in_five_languages() {
        for t in [
            "someone logged into my acount from another country",
            "Me hackearon la cuenta!!",
            "bloqueia minha conta por favor",
            "on s'est connecté à mon compte sans moi",
            "jemand hat mein Konto benutzt",
            "roubaram meu celular",
            "me clonaron el chip",
        ] {
            assert!(sec(t).is_some(), "{t}");
        }
        for t in [
            "how do I change my password?",
            "is the security camera waterproof",
            "can someone pick up my order instead of me",
            "Can someone else use my account?",
            "olvide mi contrasena",
        ] {
            assert_eq!(sec(t), None, "{t}");
        }
    }

    #[test]
    fn money_situations_and_routine_payments() {
        for t in [
            "you billed me 3 times for one pair of shoes",
            "hay un cargo en mi tarjeta que no reconozco",
            "era 50 e cobraram 80",
            "ihr habt 80 statt 40 euro abgebucht",
            "vous m'avez prélevé mais la commande est annulée",
            "can you check why I was charged twice?",
        ] {
            assert!(mon(t).is_some(), "{t}");
        }
        for t in [
            "puedo pagar en dos veces?",
            "je peux payer en deux fois ?",
            "if I cancel now, will I be charged?",
            "my card works fine",
        ] {
            assert_eq!(mon(t), None, "{t}");
        }
    }
}
