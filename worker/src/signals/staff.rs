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
//! A name is a word the writer capitalised ("Fiona", not "parking") or one after a title;
//! pronouns, places and things the slots also take are excluded. Booking with the person
//! ("is Sophie in today? I'd like to book with her") is not an ask, nor is anything
//! [`super::explicit`]'s context checks (`not_meant`) say means something else, nor a
//! negated frame. Never fails; the patterns are constants checked by the tests.

use std::sync::LazyLock;

use regex::Regex;

use super::explicit::{self, NOT_A_NAME, NOT_STAFF_NAME, ROLE, TITLE};
use super::normalize::Normalized;
use super::{Reason, Signal};

/// Trades the main role list lacks, for calls: electricians, plumbers, after-sales.
const TRADES: &str = "secretaire|hygieniste|bijoutier|electrician|eletricista|electricista|electricien|elektriker|plumber|encanador|fontanero|plomero|plombier|klempner|installateur|sanitar|sav|pos venda|postventa|tecnico|tecnica|technicien|techniker|technician";

/// Heads of the place, asked about as there ("Ist der Manager da?", "is the owner in?").
const HEAD: &str = "manager|managerin|owner|boss|supervisor|chef|chefin|inhaber|inhaberin|gerente|encargado|encargada|jefe|jefa|dueno|duena|dono|dona|patron|patronne|gerant|gerante|responsable|responsavel";

/// A named person (group `n`, or group `t` a title before it) or the head of the place
/// (group `r`) asked about as available, per clause.
static PRESENT_RE: LazyLock<Regex> = LazyLock::new(|| {
    let p = [
        // en: "is Jade available", "is Fiona working today", "is the manager in"
        r"\b(?:is|s) (?:(?P<t1>{TITLE}) )?(?P<n1>[a-z]{3,}) (?:available|around|in|there|working|on shift|free|in the office|in the shop|at the shop|about)\b",
        r"\bis (?:the|your) (?P<r1>{HEAD}) (?:in|around|there|available|about)\b",
        // es: "está Lucía", "está Marta la encargada", "está el Lic Ramírez"
        r"^(?:\w+ )?(?:esta|se encuentra) (?:(?:el|la) )?(?:(?P<t2>{TITLE}) )?(?P<n2>[a-z]{3,})(?: (?:hoy|ahora|por ahi|disponible|en la tienda|en el local|la encargada|el encargado|el tecnico|la tecnica))?$",
        r"^(?:\w+ )?(?:esta|se encuentra) (?:el|la) (?P<r2>{HEAD})(?: (?:hoy|ahora|por ahi|disponible))?$",
        // pt: "a Juliana tá aí", "a Júlia está hoje", "o sr. Manuel está"
        r"^(?:\w+ )?(?:(?:a|o) )?(?:(?P<t3>{TITLE}) )?(?P<n3>[a-z]{3,}) (?:ta|esta|se encontra)(?: (?:ai|aqui|hoje|ai hoje|disponivel|por ai|na loja))*$",
        r"^(?:\w+ )?(?:o|a) (?P<r3>{HEAD}) (?:ta|esta|se encontra)(?: (?:ai|aqui|hoje|disponivel|por ai|na loja))*$",
        // fr: "est-ce que Thomas est dispo", "Nathalie de l'agence de Liège est disponible"
        r"\b(?:(?P<t4>{TITLE}|m) )?(?P<n4>[a-z]{3,})(?: (?:de|du|d) (?:l |la |le )?[a-z]+(?: (?:de|du|d) [a-z]+)?)? (?:est|serait|sera) (?:dispo|disponible|la|present|presente)(?: (?:aujourd hui|ce matin|cet apres midi|demain))?$",
        r"\b(?:le|la) (?P<r4>{HEAD}) (?:est|serait) (?:dispo|disponible|la)$",
        // de: "ist Herr Becker heute in der Filiale", "ist der Manager da"
        r"^(?:\w+ )?ist (?:(?:der |die )?(?P<t5>herr|frau|dr) )?(?P<n5>[a-z]{3,}) (?:heute |gerade |jetzt |morgen |noch )*(?:da|im [a-z]+|in der [a-z]+|erreichbar|zu erreichen)$",
        r"^(?:\w+ )?ist (?:der|die) (?P<r5>{HEAD}) (?:heute |gerade |jetzt |noch )*(?:da|im haus|im buro|erreichbar|zu erreichen)$",
    ]
    .map(|f| format!("(?:{f})"))
    .join("|")
    .replace("{TITLE}", TITLE)
    .replace("{HEAD}", HEAD);
    Regex::new(&format!("(?-u){p}")).expect("staff-present pattern is valid regex")
});

/// A named person (`n`, after a title `t`) or a trade (`r`) asked to call the customer, in
/// the whole message (an apposition may sit between the name and the verb).
static CALL_RE: LazyLock<Regex> = LazyLock::new(|| {
    let p = [
        // "a Thaís pode me ligar", "Momo peut m'appeler", "Sandrine la wedding planner
        // pourrait me rappeler", "o Marcos do comercial pode me ligar"
        r"\b(?:(?P<t1>{TITLE}) )?(?P<n1>[a-z]{3,})(?: (?:la|le|el|o|a|the|do|da|de|del|from|vom|von der) [a-z]+(?: [a-z]+)?)? (?:pode|podia|poderia|puede|podria|peut|pourrait|pourra|can|could) (?:\w+ )?(?:me|m) ?(?:ligar|chamar|retornar|telefonar|llamar|contactar|rappeler|appeler|contacter|recontacter|telephoner)\b",
        // "can Manny hit me up", "could Dr Patel call me", "kann Toni mich mal anrufen"
        r"\b(?:can|could|would) (?:(?P<t2>{TITLE}) )?(?P<n2>[a-z]{3,}) (?:please )?(?:call|ring|phone|text|hit) me\b",
        r"\b(?:kann|konnte|konnten|wurde) (?:(?:der |die )?(?P<t3>herr|frau|dr) )?(?P<n3>[a-z]{3,}) mich (?:\w+ ){0,2}(?:anrufen|zuruckrufen|kontaktieren)\b",
        // "me podría llamar el Lic. Ramírez", "que me llamara Inma"
        r"\bme (?:podria|puede|podrias|puedes|pueda|pudiera) (?:llamar|contactar|escribir) (?:(?:el|la) )?(?:(?P<t4>{TITLE}) )?(?P<n4>[a-z]{3,})\b",
        r"\bque me (?:llame|llamara|llamase|contacte|contactara) (?:(?:el|la) )?(?:(?P<t5>{TITLE}) )?(?P<n5>[a-z]{3,})\b",
        // a trade: "o eletricista pode me ligar", "le SAV pourrait me contacter"
        r"\b(?:o|a|el|la|le|l|the|der|die) (?P<r1>{TRADES}|{ROLE})(?: \w+)? (?:pode|podia|poderia|puede|podria|peut|pourrait|can|could|kann|konnte) (?:\w+ )?(?:me|m|mich) ?(?:\w+ )?(?:ligar|chamar|retornar|llamar|contactar|rappeler|appeler|contacter|call|ring|phone|anrufen|zuruckrufen)\b",
    ]
    .map(|f| format!("(?:{f})"))
    .join("|")
    .replace("{TITLE}", TITLE)
    .replace("{TRADES}", TRADES)
    .replace("{ROLE}", ROLE);
    Regex::new(&format!("(?-u){p}")).expect("staff-call pattern is valid regex")
});

/// Put through to someone by title ("put me through to Dr Hennessy", "me passer le Dr
/// Lambert", "parler à M. Ndiaye", "mit Herrn Kaiser sprechen"), per clause.
static TITLED_RE: LazyLock<Regex> = LazyLock::new(|| {
    let p = [
        r"\b(?:put me through to|transfer me to|connect me (?:to|with)|pass me (?:over )?to|speak (?:to|with)|talk (?:to|with)|me passer|passez moi|passe moi|parler (?:a|avec)|me pasas? con|pasame con|paseme con|comunicame con|hablar con|falar com|me passa (?:pra|para)|verbinden sie mich mit|verbinde mich mit) (?:(?:le|la|el|o|a|the) )?(?P<t1>{TITLE}|m) (?P<n1>[a-z]{2,})\b",
        r"\bmit (?:(?:dem|der) )?(?P<t2>herrn|herr|frau|dr) (?P<n2>[a-z]{2,}) (?:\w+ )?(?:sprechen|reden|telefonieren|verbinden|verbunden)\b",
    ]
    .map(|f| format!("(?:{f})"))
    .join("|")
    .replace("{TITLE}", TITLE);
    Regex::new(&format!("(?-u){p}")).expect("staff-titled pattern is valid regex")
});

/// Plain frames the main set lacked.
static PLAIN_RE: LazyLock<Regex> = LazyLock::new(|| {
    let p = [
        r"\b(?:quero|queria|preciso de|preciso|gostaria de) (?:(?:um|uma) )?(?:operador|consultor|consultora|funcionario|funcionaria|agente|ser humano|pessoa de verdade)\b",
        r"\b(?:y a|il y a|y a t il|ya t il|ya) (?:t il )?(?:un|une) (?:humain|personne|conseiller|conseillere|agent|vrai humain|vraie personne)(?: \w+)? (?:dispo|disponible)\b",
        r"\b(?:please|pls|plz|kindly) (?:call|ring) me back\b",
        r"\b(?:den |die )?(?:chef|chefin|manager|managerin|inhaber|inhaberin|vorgesetzten) (?:holen|herholen|her)\b",
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
    Regex::new(r"(?-u)\b(?:left|leave|forgot|drop\w* off|pick\w* up|collect|bring|bringe|vorbei|vorbeibringen|abholen|abgeben|vergessen|liegen lassen|deixei|esqueci|deixar|buscar|entregar|traigo|traer|deje|olvide|recoger|laisse|oublie|deposer|passer prendre|recuperer|apporter|apporte)\b")
        .expect("errand pattern is valid regex")
});

/// Capitalised words the name slots take that are not people: days and months (capitalised
/// in English and German), words that start a sentence ("Ainda está aí?", "Aqui está?").
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
];

/// Whether the captured person is someone to want: a title or a head or trade was matched,
/// or the name is a word the writer capitalised and not a pronoun, place or thing.
fn someone(norm: &Normalized, caps: &regex::Captures, n: &str) -> Option<String> {
    let group = |g: &str| caps.name(g).map(|m| m.as_str());
    let idx = &n[1..];
    if let Some(role) = group(&format!("r{idx}")) {
        return Some(role.to_owned());
    }
    let name = group(n)?;
    if NOT_STAFF_NAME.contains(&name) || NOT_A_NAME.contains(&name) {
        return None;
    }
    if NOT_NAMES.contains(&name) {
        return None;
    }
    let titled = group(&format!("t{idx}")).is_some_and(|t| t != "m");
    let capitalised = norm.tokens.iter().any(|t| t.title && t.text == name);
    (titled || capitalised).then(|| name.to_owned())
}

/// The first captured person among groups `n1`..`n9` (or `r1`..).
fn person(norm: &Normalized, caps: &regex::Captures) -> Option<String> {
    (1..=9).find_map(|i| {
        let n = format!("n{i}");
        let r = format!("r{i}");
        (caps.name(&n).is_some() || caps.name(&r).is_some())
            .then(|| someone(norm, caps, &n))
            .flatten()
    })
}

/// An ask for a member of staff by name, title or trade (see the module doc).
pub(super) fn detect(norm: &Normalized, requesting: bool) -> Option<Signal> {
    let ok = |m: regex::Match, within: &str| {
        !explicit::negated(within, m.start()) && !explicit::not_meant(norm, m.as_str())
    };
    for clause in &norm.clauses {
        if let Some(m) = PLAIN_RE.find_iter(clause).find(|m| ok(*m, clause)) {
            return Some(Signal::new(Reason::CustomerAsked, m.as_str(), 0.85));
        }
    }
    // Across clauses: a title's full stop ends one ("M. Ndiaye", "Dr. Lambert").
    for caps in TITLED_RE.captures_iter(&norm.full) {
        let m = caps.get(0)?;
        if let Some(who) = person(norm, &caps).filter(|_| ok(m, &norm.full)) {
            return Some(Signal::new(
                Reason::CustomerAsked,
                format!("put through to: {who}"),
                0.85,
            ));
        }
    }
    if requesting && !explicit::notifying(norm) {
        for caps in CALL_RE.captures_iter(&norm.full) {
            let m = caps.get(0)?;
            if let Some(who) = person(norm, &caps).filter(|_| ok(m, &norm.full)) {
                return Some(Signal::new(
                    Reason::CustomerAsked,
                    format!("call back: {who}"),
                    0.85,
                ));
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
    for clause in &norm.clauses {
        for caps in PRESENT_RE.captures_iter(clause) {
            let m = caps.get(0)?;
            if let Some(who) = person(norm, &caps).filter(|_| ok(m, clause)) {
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
            "is Tom in today? I left my umbrella there yesterday",
            "is Dr Okafor still working there? she did my fillings years ago",
            "ist die Frau Weber heute da? ich bringe ihr die Unterlagen vorbei",
        ] {
            assert!(!asks(t), "{t}");
        }
    }
}
