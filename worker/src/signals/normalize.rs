//! Text normalisation shared by every detector: one pass over the message that yields
//! lowercase, diacritic-free tokens grouped into clauses, plus the typographic cues
//! (shouted words, `!!`/`?!` runs) that normalisation would otherwise erase.
//!
//! Folding uses a small hand table for the Latin letters of en/es/pt/fr/de (and their
//! neighbours) and drops combining marks, so both precomposed (`é`) and decomposed
//! (`e` + U+0301) input fold to `e`. Other scripts pass through lowercased. Nothing here
//! fails: any input, including empty or emoji-only text, yields a (possibly empty) value.

/// One word of the message after folding.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Lowercase, diacritics stripped. English contractions: `n't` stays joined (`dont`),
    /// `'s` is dropped, `'ll 'd 'm 're 've` become words (`i'll` -> `i will`, never "ill");
    /// other apostrophes split (`j'aimerais` -> `j`, `aimerais`).
    pub text: String,
    /// Written in capitals in the original (at least two letters, none lowercase).
    pub caps: bool,
    /// Written with a capital first letter and lowercase after it ("Fiona", "Júlia"): what
    /// a name looks like when the writer capitalises.
    pub title: bool,
    /// Index of the clause (split at `. , ; : ! ? ¿ ¡ ( )` and newlines; not at a `.` or `,`
    /// between digits).
    pub clause: usize,
}

/// A normalised message.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    pub tokens: Vec<Token>,
    /// Each clause's tokens joined by single spaces (no empty clauses).
    pub clauses: Vec<String>,
    /// All tokens joined by single spaces.
    pub full: String,
    /// Number of `!` in the original.
    pub exclamations: usize,
    /// Number of `?` in the original.
    pub questions: usize,
    /// Runs of two or more `!`/`?` (e.g. `!!`, `??`, `?!`).
    pub emphatic_runs: usize,
    /// Angry emoji (😡 🤬 😤 😠, and 👎 💩 🖕), which folding would drop.
    pub angry_emoji: usize,
    /// Annoyed emoji (🙄 😒 🤦 😑, and the upside-down face 🙃): eye-rolling, the usual mark
    /// of sarcasm in chat.
    pub annoyed_emoji: usize,
    /// Of those, upside-down faces (🙃): sarcasm, but also self-mockery ("bravo moi 🙃"), so
    /// the frustration score weighs them less.
    pub wry_emoji: usize,
    /// Laughing or happy emoji (😂 🤣 😄 😊 😍 🥰 ❤ 💕 💖 😘 🙌 💪 👍 😁 😆 🤗).
    pub happy_emoji: usize,
    /// Clapping hands (👏): praise, or with a bad fact, sarcasm.
    pub clapping: usize,
}

const ANGRY_EMOJI: [char; 7] = ['😡', '🤬', '😤', '😠', '👎', '💩', '🖕'];
const ANNOYED_EMOJI: [char; 4] = ['🙄', '😒', '🤦', '😑'];
const HAPPY_EMOJI: [char; 19] = [
    '🔥', '😂', '🤣', '😄', '😊', '😍', '🥰', '❤', '💕', '💖', '😘', '🙌', '💪', '👍', '😁', '😆',
    '🤗', '🤩', '🥳',
];

/// Folds one character into `out`: lowercase, no diacritics.
fn fold_into(c: char, out: &mut String) {
    for l in c.to_lowercase() {
        let mapped = match l {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
            'ý' | 'ÿ' => 'y',
            'ś' | 'š' | 'ş' => 's',
            'ź' | 'ż' | 'ž' => 'z',
            'ł' => 'l',
            'ğ' => 'g',
            'đ' | 'ď' => 'd',
            'ť' => 't',
            'ř' => 'r',
            'ß' => return out.push_str("ss"),
            'æ' => return out.push_str("ae"),
            'œ' => return out.push_str("oe"),
            other => other,
        };
        out.push(mapped);
    }
}

/// Folds a whole string (used for configured keywords and tests).
pub fn fold(text: &str) -> String {
    normalize(text).full
}

fn is_combining(c: char) -> bool {
    ('\u{0300}'..='\u{036f}').contains(&c)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`' | '´')
}

fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | '¿' | '¡' | '(' | ')' | '\n' | '\r'
    )
}

/// English contraction suffixes after an apostrophe and the word they stand for
/// (`""`: dropped). `'t` is handled apart: it stays glued (`dont`, `cant`) for negation.
const CONTRACTIONS: [(&str, &str); 6] = [
    ("s", ""),
    ("ll", "will"),
    ("d", "would"),
    ("m", "am"),
    ("re", "are"),
    ("ve", "have"),
];

/// Letters right after position `i` (the apostrophe), lowercased.
fn suffix_after(chars: &[char], i: usize) -> String {
    chars[i + 1..]
        .iter()
        .take_while(|c| c.is_alphabetic())
        .flat_map(|c| c.to_lowercase())
        .collect()
}

#[derive(Default)]
struct Builder {
    out: Normalized,
    word: String,
    upper: usize,
    lower: usize,
    /// The word's first letter was a capital.
    first_upper: bool,
    clause: usize,
    clause_has_tokens: bool,
    /// Length of the current `!`/`?` run.
    run: usize,
}

impl Builder {
    fn end_word(&mut self) {
        if self.word.is_empty() {
            return;
        }
        let caps = self.upper >= 2 && self.lower == 0;
        let title = self.first_upper && self.upper == 1 && self.lower > 0;
        let text = std::mem::take(&mut self.word);
        self.out.tokens.push(Token {
            text,
            caps,
            title,
            clause: self.clause,
        });
        self.clause_has_tokens = true;
        self.upper = 0;
        self.lower = 0;
        self.first_upper = false;
    }

    fn end_clause(&mut self) {
        self.end_word();
        if self.clause_has_tokens {
            self.clause += 1;
            self.clause_has_tokens = false;
        }
    }

    fn push_word(&mut self, word: &str) {
        self.end_word();
        if !word.is_empty() {
            self.word.push_str(word);
            self.end_word();
        }
    }

    fn push_letter(&mut self, c: char) {
        if self.word.is_empty() {
            self.first_upper = c.is_uppercase();
        }
        if c.is_uppercase() {
            self.upper += 1;
        } else if c.is_lowercase() {
            self.lower += 1;
        }
        fold_into(c, &mut self.word);
    }

    /// Tracks `!`/`?` runs and angry emoji.
    fn count_punctuation(&mut self, c: char) {
        if matches!(c, '!' | '?') {
            self.run += 1;
            if self.run == 2 {
                self.out.emphatic_runs += 1;
            }
        } else {
            self.run = 0;
        }
        match c {
            '!' => self.out.exclamations += 1,
            '?' => self.out.questions += 1,
            c if ANGRY_EMOJI.contains(&c) => self.out.angry_emoji += 1,
            c if ANNOYED_EMOJI.contains(&c) => self.out.annoyed_emoji += 1,
            '🙃' => {
                self.out.annoyed_emoji += 1;
                self.out.wry_emoji += 1;
            }
            c if HAPPY_EMOJI.contains(&c) => self.out.happy_emoji += 1,
            '👏' => self.out.clapping += 1,
            _ => {}
        }
    }

    /// Consumes `chars[i]`; returns how many following characters it consumed too.
    fn step(&mut self, chars: &[char], i: usize) -> usize {
        let c = chars[i];
        if c.is_alphanumeric() {
            self.push_letter(c);
        } else if is_combining(c) {
            // Part of the previous letter; dropping it strips the diacritic.
        } else if is_apostrophe(c) && !self.word.is_empty() {
            let suffix = suffix_after(chars, i);
            if suffix == "t" {
                return 0; // "don't" -> "dont"
            }
            match CONTRACTIONS.iter().find(|(s, _)| *s == suffix) {
                Some((s, word)) => {
                    self.push_word(word);
                    return s.chars().count();
                }
                None => self.end_word(),
            }
        } else if matches!(c, '.' | ',')
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit)
        {
            // A decimal or thousands separator ("39,90 €", "1.240"): one amount, not a
            // clause break, so "un cargo de 39,90 que no reconozco" stays one clause.
            self.end_word();
        } else if is_clause_break(c) {
            self.end_clause();
        } else {
            self.end_word();
        }
        0
    }

    fn finish(mut self) -> Normalized {
        self.end_word();
        let mut clauses: Vec<String> = Vec::new();
        for t in &self.out.tokens {
            match clauses.get_mut(t.clause) {
                Some(s) => {
                    s.push(' ');
                    s.push_str(&t.text);
                }
                None => clauses.push(t.text.clone()),
            }
        }
        self.out.full = clauses.join(" ");
        self.out.clauses = clauses;
        self.out
    }
}

/// Normalises a message. Runs in one pass; allocation is proportional to the text.
pub fn normalize(text: &str) -> Normalized {
    let chars: Vec<char> = text.chars().collect();
    let mut b = Builder::default();
    let mut i = 0;
    while i < chars.len() {
        b.count_punctuation(chars[i]);
        i += 1 + b.step(&chars, i);
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_diacritics() {
        assert_eq!(fold("Pásame con un ASESOR"), "pasame con un asesor");
        assert_eq!(
            fold("Ich möchte mit einem Mitarbeiter sprechen"),
            "ich mochte mit einem mitarbeiter sprechen"
        );
        assert_eq!(fold("Straße, cœur"), "strasse coeur");
        // Decomposed input (e + combining acute) folds like precomposed.
        assert_eq!(fold("re\u{301}el"), "reel");
    }

    #[test]
    fn apostrophes_join_english_contractions_and_split_elisions() {
        assert_eq!(
            fold("I don't want it, I'm fine"),
            "i dont want it i am fine"
        );
        assert_eq!(fold("I'll sue, I'd like"), "i will sue i would like");
        assert_eq!(
            fold("my company's name, it's here"),
            "my company name it here"
        );
        assert_eq!(
            fold("j'aimerais parler à quelqu’un"),
            "j aimerais parler a quelqu un"
        );
    }

    #[test]
    fn clauses_and_cues() {
        let n = normalize("WHERE is it?? I paid, thanks!");
        assert_eq!(n.clauses, vec!["where is it", "i paid", "thanks"]);
        assert!(n.tokens[0].caps);
        assert!(!n.tokens[3].caps, "single-letter I is not shouting");
        assert_eq!(n.emphatic_runs, 1);
        assert_eq!((n.exclamations, n.questions), (1, 2));
    }

    #[test]
    fn capitalised_words_and_sarcastic_emoji() {
        let n = normalize("Is Júlia in? ASAP, thanks 🙃 McDonald");
        let title: Vec<&str> = n
            .tokens
            .iter()
            .filter(|t| t.title)
            .map(|t| t.text.as_str())
            .collect();
        // "ASAP" is shouting, "McDonald" has two capitals, "thanks" none.
        assert_eq!(title, ["is", "julia"]);
        assert_eq!((n.annoyed_emoji, n.wry_emoji), (1, 1));
    }

    #[test]
    fn empty_and_emoji_only() {
        assert!(normalize("").tokens.is_empty());
        assert!(normalize("👍🙏").full.is_empty());
    }
}
