//! Hand-curated frustration cue lists (not a sentiment lexicon): complaint phrases for
//! es/pt/fr/de plus English idioms VADER scores wrongly or not at all ("are you kidding",
//! "this is a joke", "sick of"), profanity, and repetition markers ("again",
//! "third time", "sigue sin", "toujours pas", "schon wieder"). Weights are cue strengths
//! in 0..1 chosen by hand, stated as such. Phrases are written normalised (lowercase, no
//! diacritics, apostrophes as spaces). Matching is whole-word; never fails.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

/// Complaint phrases, by language, with their cue weight.
pub(super) const COMPLAINTS: &[(&str, f32)] = &[
    // English idioms
    ("are you kidding", 0.6),
    ("you kidding me", 0.6),
    ("this is a joke", 0.6),
    ("a joke", 0.4),
    ("sick of", 0.6),
    ("sick and tired", 0.7),
    ("had enough", 0.6),
    ("waste of time", 0.6),
    ("what the hell", 0.6),
    ("unacceptable", 0.6),
    ("ridiculous", 0.5),
    ("never again", 0.5),
    ("fed up", 0.6),
    ("useless", 0.5),
    ("garbage", 0.5),
    ("rubbish", 0.5),
    ("worst", 0.5),
    ("so done", 0.5),
    ("taking forever", 0.5),
    ("takes forever", 0.5),
    ("losing my patience", 0.6),
    ("lost my patience", 0.6),
    ("losing patience", 0.6),
    ("out of patience", 0.6),
    ("done with you", 0.6),
    ("how many times do i", 0.5),
    ("how many times must i", 0.5),
    ("how many times have i", 0.5),
    ("how many more times", 0.5),
    ("thanks for nothing", 0.7),
    ("absurd", 0.6),
    ("absurde", 0.6),
    ("hopeless", 0.5),
    ("clueless", 0.5),
    ("a joke of a", 0.6),
    ("unbelievable", 0.4),
    ("unglaublich", 0.4),
    ("kidding me", 0.6),
    ("must be joking", 0.6),
    ("for the love of god", 0.6),
    ("how hard can it be", 0.6),
    ("what a mess", 0.5),
    ("is a mess", 0.5),
    ("last time i order", 0.6),
    ("never ordering again", 0.6),
    ("never buying again", 0.6),
    ("never order from you again", 0.6),
    ("chateado", 0.5),
    ("chateada", 0.5),
    ("desorganizados", 0.5),
    ("desorganizado", 0.5),
    ("j en peux plus", 0.6),
    ("das letzte", 0.6),
    ("saftladen", 0.7),
    ("what kind of service", 0.6),
    ("no puedo mas", 0.5),
    ("tomadura de pelo", 0.7),
    ("moquez de moi", 0.7),
    ("moquez de nous", 0.7),
    ("se moquer de", 0.6),
    ("thank you for nothing", 0.7),
    ("had it with", 0.6),
    ("done with this", 0.6),
    ("done with your", 0.6),
    ("is a joke", 0.6),
    ("are a joke", 0.6),
    ("incompetent", 0.6),
    ("incompetence", 0.6),
    ("idiots", 0.6),
    ("clowns", 0.5),
    ("amateurs", 0.5),
    // Insults and fed-up idioms, es/pt/fr/de (with their inflections spelled out)
    ("incompetente", 0.6),
    ("incompetentes", 0.6),
    ("inutiles", 0.6),
    ("inuteis", 0.6),
    ("incapaces", 0.6),
    ("incapables", 0.6),
    ("unfahig", 0.6),
    ("unfahige", 0.6),
    ("unfahigen", 0.6),
    ("inkompetent", 0.6),
    ("inkompetente", 0.6),
    ("inkompetenten", 0.6),
    ("idiotas", 0.6),
    ("idiotes", 0.6),
    ("idioten", 0.6),
    ("payasos", 0.5),
    ("palhacos", 0.5),
    ("guignols", 0.5),
    ("hasta el mono", 0.7),
    ("hasta el gorro", 0.7),
    ("hasta las narices", 0.7),
    ("hasta la coronilla", 0.7),
    ("tomando el pelo", 0.7),
    ("tomais el pelo", 0.7),
    ("poca seriedad", 0.6),
    ("falta de seriedad", 0.6),
    ("vaya tela", 0.5),
    ("no me lo puedo creer", 0.5),
    ("no lo puedo creer", 0.5),
    ("es una broma", 0.5),
    ("ja deu", 0.6),
    ("cansei", 0.6),
    ("aff", 0.4),
    ("mesma desculpa", 0.5),
    ("mesma historia", 0.5),
    ("foutre du monde", 0.7),
    ("fout du monde", 0.7),
    ("foutez du monde", 0.7),
    ("c est une blague", 0.6),
    ("je n y crois pas", 0.5),
    ("peinlich", 0.5),
    ("wie peinlich", 0.6),
    ("unfassbar", 0.6),
    ("ich fass es nicht", 0.6),
    ("ist ein witz", 0.6),
    // Spanish
    ("harto", 0.7),
    ("harta", 0.7),
    ("pesimo", 0.7),
    ("pesima", 0.7),
    ("que verguenza", 0.6),
    ("verguenza", 0.5),
    ("desastre", 0.6),
    ("indignante", 0.7),
    ("inaceptable", 0.7),
    ("inadmisible", 0.7),
    ("una burla", 0.6),
    ("no sirve para nada", 0.6),
    ("molesto", 0.5),
    ("molesta", 0.5),
    ("enojado", 0.6),
    ("enojada", 0.6),
    ("enfadado", 0.6),
    ("enfadada", 0.6),
    ("furioso", 0.7),
    ("furiosa", 0.7),
    ("nadie me responde", 0.5),
    ("nadie responde", 0.5),
    ("mal servicio", 0.6),
    ("horrible", 0.6),
    ("ridiculo", 0.5),
    ("vergonzoso", 0.6),
    ("que rabia", 0.6),
    ("rabia", 0.5),
    ("cabreado", 0.7),
    ("cabreada", 0.7),
    ("basura", 0.6),
    ("nunca mas", 0.5),
    ("una porqueria", 0.6),
    ("decepcionado", 0.5),
    ("decepcionada", 0.5),
    ("cansado de", 0.5),
    ("cansada de", 0.5),
    ("no puede ser", 0.5),
    ("me canse", 0.6),
    ("indignado", 0.6),
    ("indignada", 0.6),
    ("perdiendo la paciencia", 0.6),
    ("perdi la paciencia", 0.6),
    ("se me acaba la paciencia", 0.6),
    ("una eternidad", 0.5),
    ("el colmo", 0.6),
    ("cuantas veces tengo", 0.5),
    ("cuantas veces hay que", 0.5),
    ("cuantas veces les", 0.5),
    ("cuantas veces mas", 0.5),
    // Portuguese
    ("absurdo", 0.6),
    ("pessimo", 0.7),
    ("pessima", 0.7),
    ("palhacada", 0.7),
    ("que vergonha", 0.6),
    ("vergonha", 0.5),
    ("ninguem resolve", 0.6),
    ("ninguem responde", 0.5),
    ("irritado", 0.6),
    ("irritada", 0.6),
    ("saco cheio", 0.7),
    ("revoltado", 0.7),
    ("revoltada", 0.7),
    ("horrivel", 0.6),
    ("decepcionante", 0.5),
    ("descaso", 0.6),
    ("falta de respeito", 0.7),
    ("inaceitavel", 0.7),
    ("cansado de esperar", 0.6),
    ("cansada de esperar", 0.6),
    ("que raiva", 0.6),
    ("raiva", 0.5),
    ("lixo", 0.6),
    ("nunca mais", 0.5),
    ("estressado", 0.5),
    ("estressada", 0.5),
    ("uma porcaria", 0.6),
    ("nao acredito", 0.5),
    ("me cansei", 0.6),
    ("perdendo a paciencia", 0.6),
    ("perdi a paciencia", 0.6),
    ("sem paciencia", 0.6),
    ("uma eternidade", 0.5),
    ("o cumulo", 0.6),
    ("uma piada", 0.6),
    ("piada", 0.5),
    ("quantas vezes vou", 0.5),
    ("quantas vezes tenho", 0.5),
    ("quantas vezes preciso", 0.5),
    // French
    ("inadmissible", 0.7),
    ("inacceptable", 0.7),
    ("en ai marre", 0.7),
    ("marre", 0.6),
    ("service nul", 0.7),
    ("c est nul", 0.6),
    ("decu", 0.5),
    ("decue", 0.5),
    ("honteux", 0.6),
    ("honte", 0.5),
    ("scandaleux", 0.7),
    ("enerve", 0.6),
    ("enervee", 0.6),
    ("agace", 0.5),
    ("furieux", 0.7),
    ("furieuse", 0.7),
    ("lamentable", 0.6),
    ("ridicule", 0.5),
    ("n importe quoi", 0.6),
    ("catastrophique", 0.6),
    ("en colere", 0.6),
    ("colere", 0.5),
    ("ras le bol", 0.7),
    ("plus jamais", 0.5),
    ("minable", 0.6),
    ("c est pas possible", 0.5),
    ("en ai assez", 0.6),
    ("indigne", 0.6),
    ("indignee", 0.6),
    ("perds patience", 0.6),
    ("bout de patience", 0.6),
    ("une eternite", 0.5),
    ("le comble", 0.6),
    ("ce n est pas possible", 0.5),
    ("foutez de moi", 0.7),
    ("fout de moi", 0.7),
    ("fout de nous", 0.7),
    ("combien de fois je dois", 0.5),
    ("combien de fois faut", 0.5),
    ("combien de fois dois je", 0.5),
    // German
    ("frechheit", 0.7),
    ("unverschamt", 0.7),
    ("sauer", 0.5),
    ("verargert", 0.6),
    ("wutend", 0.7),
    ("zumutung", 0.7),
    ("katastrophe", 0.6),
    ("katastrophal", 0.6),
    ("enttauscht", 0.5),
    ("lacherlich", 0.5),
    ("es reicht", 0.6),
    ("nase voll", 0.7),
    ("schlechter service", 0.6),
    ("miserabel", 0.6),
    ("skandal", 0.6),
    ("unmoglich", 0.4),
    ("genervt", 0.6),
    ("nervt", 0.5),
    ("stinksauer", 0.8),
    ("wut", 0.6),
    ("argert mich", 0.6),
    ("nie wieder", 0.5),
    ("schrott", 0.6),
    ("gibt es doch nicht", 0.5),
    ("reicht mir", 0.6),
    ("reicht es mir", 0.6),
    ("emport", 0.6),
    ("emporend", 0.6),
    ("geduld am ende", 0.6),
    ("keine geduld mehr", 0.6),
    ("dauert ewig", 0.5),
    ("schnauze voll", 0.7),
    ("verarscht", 0.7),
    ("verarschen", 0.7),
    ("verarsche", 0.7),
    ("wie oft muss ich", 0.5),
    ("wie oft soll ich", 0.5),
    ("wie oft noch", 0.5),
    // The same words typed with `ae`/`oe`/`ue` in a message too short for the language
    // guess that lets `canon` fold them.
    ("unverschaemt", 0.7),
    ("veraergert", 0.6),
    ("wuetend", 0.7),
    ("enttaeuscht", 0.5),
    ("laecherlich", 0.5),
    ("unmoeglich", 0.4),
];

/// Profanity (all languages); treated as a strong complaint cue.
pub(super) const PROFANITY: &[&str] = &[
    "fuck",
    "fucking",
    "fucked",
    "shit",
    "bullshit",
    "wtf",
    "ffs",
    "crap",
    "damn",
    "damn it",
    "bloody hell",
    "pissed",
    "mierda",
    "joder",
    "carajo",
    "puta",
    "me cago",
    "merda",
    "porra",
    "caralho",
    "merde",
    "putain",
    "bordel",
    "scheisse",
    "scheiss",
    "verdammt",
    "mist",
];

/// Repetition markers: the problem persists or the customer is writing again.
pub(super) const REPETITION: &[&str] = &[
    "again",
    "second time",
    "third time",
    "2nd time",
    "3rd time",
    "3 times",
    "three times",
    "still not",
    "still no",
    "still hasnt",
    "still havent",
    "still waiting",
    "still doesnt",
    "still isnt",
    "keep getting",
    "how many times",
    "already told",
    "already asked",
    "otra vez",
    "de nuevo",
    "segunda vez",
    "tercera vez",
    "sigue sin",
    "todavia no",
    "aun no",
    "cuantas veces",
    "de novo",
    "outra vez",
    "terceira vez",
    "ainda nao",
    "continua sem",
    "quantas vezes",
    "encore une fois",
    "a nouveau",
    "deuxieme fois",
    "troisieme fois",
    "toujours pas",
    "toujours rien",
    "combien de fois",
    "schon wieder",
    "wieder",
    "zum zweiten mal",
    "zum dritten mal",
    "immer noch nicht",
    "immer noch nichts",
    "noch immer nichts",
    "immer noch kein",
    "noch immer nicht",
    "wie oft",
    "still nothing",
    "and nothing",
    "nothing yet",
];

fn alternation(phrases: impl Iterator<Item = &'static str>) -> Regex {
    let alts: Vec<String> = phrases.map(regex::escape).collect();
    Regex::new(&format!(r"(?-u)\b(?:{})\b", alts.join("|"))).expect("cue lists are valid regex")
}

static COMPLAINT_RE: LazyLock<Regex> = LazyLock::new(|| {
    let mut phrases: Vec<&'static str> = COMPLAINTS.iter().map(|c| c.0).collect();
    // Longest first so "service nul" wins over "nul".
    phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
    alternation(phrases.into_iter())
});
static COMPLAINT_WEIGHT: LazyLock<HashMap<&'static str, f32>> =
    LazyLock::new(|| COMPLAINTS.iter().copied().collect());
static PROFANITY_RE: LazyLock<Regex> = LazyLock::new(|| alternation(PROFANITY.iter().copied()));
static REPETITION_RE: LazyLock<Regex> = LazyLock::new(|| {
    let mut phrases = REPETITION.to_vec();
    phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
    alternation(phrases.into_iter())
});

/// Cue weight of profanity.
pub const PROFANITY_WEIGHT: f32 = 0.6;

/// Complaint and profanity cues found in normalised text, with their weights.
pub fn complaints(full: &str) -> Vec<(&str, f32)> {
    let mut out: Vec<(&str, f32)> = COMPLAINT_RE
        .find_iter(full)
        .map(|m| {
            (
                m.as_str(),
                COMPLAINT_WEIGHT.get(m.as_str()).copied().unwrap_or(0.5),
            )
        })
        .collect();
    out.extend(
        PROFANITY_RE
            .find_iter(full)
            .map(|m| (m.as_str(), PROFANITY_WEIGHT)),
    );
    out
}

/// The first repetition marker in normalised text.
pub fn repetition(full: &str) -> Option<&str> {
    REPETITION_RE.find(full).map(|m| m.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cues_whole_word_longest_first() {
        assert_eq!(
            complaints("service nul vraiment decu"),
            vec![("service nul", 0.7), ("decu", 0.5)]
        );
        assert!(complaints("nulle part ailleurs").is_empty());
        assert!(complaints("annul my order").is_empty());
        assert_eq!(
            repetition("ich schreibe zum dritten mal"),
            Some("zum dritten mal")
        );
        assert_eq!(repetition("againstthewind"), None);
        assert_eq!(
            complaints("what the fuck"),
            vec![("fuck", PROFANITY_WEIGHT)]
        );
    }
}
