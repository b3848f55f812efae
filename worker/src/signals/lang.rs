//! A crude language guess from function words, used only to decide whether the English
//! sentiment lexicon may be applied (German "die"/"war"/"hell" or Spanish "sin" are
//! English lexicon words with the wrong meaning). No function word at all gives
//! [`Lang::Unknown`]; a tie between languages gives [`Lang::Mixed`]. Never fails.

use super::normalize::Normalized;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Es,
    Pt,
    Fr,
    De,
    /// Two or more languages tie.
    Mixed,
    /// No function word found.
    Unknown,
}

const EN: &[&str] = &[
    "the", "is", "i", "you", "my", "to", "and", "it", "this", "of", "for", "what", "with", "me",
    "am", "not", "dont", "was", "have", "your", "are", "can", "please", "order", "still", "but",
];
const ES: &[&str] = &[
    "el", "la", "que", "y", "en", "los", "las", "por", "con", "para", "mi", "es", "una", "me",
    "pedido", "hola", "quiero", "esta", "del", "pero", "sigue", "llevo", "estoy", "otra", "al",
    "soy", "tienen", "tiene", "hay", "sin", "muy",
];
const PT: &[&str] = &[
    "o", "e", "em", "os", "as", "com", "para", "pra", "meu", "minha", "um", "uma", "nao", "voce",
    "voces", "pedido", "ola", "quero", "ainda", "esta", "mas", "ja", "vez", "tudo", "sou", "tem",
    "sem", "ao", "na", "vcs",
];
const FR: &[&str] = &[
    "le", "la", "les", "des", "et", "est", "je", "un", "une", "pas", "mon", "ma", "pour", "avec",
    "vous", "ce", "c", "j", "que", "bonjour", "merci", "mais", "toujours", "fois", "suis", "au",
    "sans", "du", "plus", "tard",
];
const DE: &[&str] = &[
    "der", "die", "das", "und", "ist", "ich", "nicht", "mit", "ein", "eine", "einen", "mein",
    "meine", "sie", "noch", "bitte", "danke", "zu", "auf", "es", "aber", "kein", "schon", "wieder",
    "im", "war", "sehr", "dem", "den", "vom", "zum", "beim", "nach", "wir", "ihr", "ihre",
];

/// Language with the most function-word hits; `Mixed` on a tie, `Unknown` on no hit.
pub fn guess(norm: &Normalized) -> Lang {
    let table = [
        (Lang::En, EN),
        (Lang::Es, ES),
        (Lang::Pt, PT),
        (Lang::Fr, FR),
        (Lang::De, DE),
    ];
    let counts: Vec<(Lang, usize)> = table
        .iter()
        .map(|(l, words)| {
            (
                *l,
                norm.tokens
                    .iter()
                    .filter(|t| words.contains(&t.text.as_str()))
                    .count(),
            )
        })
        .collect();
    let best = counts.iter().map(|c| c.1).max().unwrap_or(0);
    let mut leaders = counts.iter().filter(|c| c.1 == best);
    match (best, leaders.next(), leaders.next()) {
        (0, _, _) | (_, None, _) => Lang::Unknown,
        (_, _, Some(_)) => Lang::Mixed,
        (_, Some((l, _)), None) => *l,
    }
}

#[cfg(test)]
mod tests {
    use super::super::normalize::normalize;
    use super::*;

    #[test]
    fn guesses_the_obvious() {
        assert_eq!(guess(&normalize("Where is my order, please?")), Lang::En);
        assert_eq!(
            guess(&normalize(
                "Die Lieferung war etwas spät, aber kein Problem"
            )),
            Lang::De
        );
        assert_eq!(guess(&normalize("el pedido sigue sin llegar")), Lang::Es);
        assert_eq!(
            guess(&normalize("Der Mitarbeiter im Laden war sehr freundlich")),
            Lang::De
        );
        assert_eq!(guess(&normalize("👍")), Lang::Unknown);
    }
}
