//! Splitting long replies into WhatsApp-sized text messages (spec §5.2: body ≤ 4096 chars).
//!
//! Owns one pure function, [`split_text`]. Invariants: every part has at most `limit`
//! characters (Unicode scalar values, not bytes), no part is empty or whitespace-only, parts
//! keep the original order, and nothing but whitespace at a cut is dropped. A cut never falls
//! inside a UTF-8 character and, when it has to fall inside a word, avoids separating an emoji
//! from its modifiers. It cannot fail: text with no break at all is cut hard at the limit.

/// Text message body limit in characters (spec §5.2).
pub const TEXT_LIMIT: usize = 4096;

/// How good a place to cut is; earlier variants win over later ones.
#[derive(Clone, Copy)]
enum Level {
    Paragraph = 0,
    Line = 1,
    Sentence = 2,
    Word = 3,
}

/// Splits `body` into parts of at most `limit` characters, preferring paragraph breaks, then
/// line breaks, then sentence ends, then spaces; as a last resort cuts between characters.
/// A body that fits is returned unchanged; a blank body gives no parts.
pub fn split_text(body: &str, limit: usize) -> Vec<String> {
    let limit = limit.max(1);
    if body.trim().is_empty() {
        return Vec::new();
    }
    if body.chars().count() <= limit {
        return vec![body.to_owned()];
    }
    let mut parts = Vec::new();
    let mut rest = body.trim_start();
    while !rest.is_empty() {
        let (cut, level) = best_cut(rest, limit);
        let part = rest[..cut].trim_end();
        if !part.trim_start().is_empty() {
            parts.push(part.to_owned());
        }
        rest = skip_separator(&rest[cut..], level);
    }
    parts
}

/// Byte index to cut `rest` at (so that `rest[..cut]` has at most `limit` chars, `cut > 0`),
/// and the kind of break found there (`None`: a hard cut, or the whole rest fits).
fn best_cut(rest: &str, limit: usize) -> (usize, Option<Level>) {
    let mut best: [Option<usize>; 4] = [None; 4];
    let mut prev: Option<char> = None;
    let mut hard = rest.len();
    for (i, (b, ch)) in rest.char_indices().enumerate() {
        if i == limit {
            hard = b;
        }
        if i > limit {
            break;
        }
        if b > 0
            && let Some(level) = break_level(&rest[b..], ch, prev)
        {
            best[level as usize] = Some(b);
        }
        prev = Some(ch);
    }
    if hard == rest.len() {
        return (hard, None);
    }
    for level in [Level::Paragraph, Level::Line, Level::Sentence, Level::Word] {
        if let Some(b) = best[level as usize] {
            return (b, Some(level));
        }
    }
    (soften_hard_cut(rest, hard), None)
}

/// What kind of break cutting just before `ch` (where `at` starts) would be.
fn break_level(at: &str, ch: char, prev: Option<char>) -> Option<Level> {
    if at.starts_with("\n\n") || at.starts_with("\n\r\n") || at.starts_with("\r\n\r\n") {
        Some(Level::Paragraph)
    } else if ch == '\n' || ch == '\r' {
        Some(Level::Line)
    } else if ch.is_whitespace() && matches!(prev, Some('.' | '!' | '?' | '…' | '。' | '！' | '？'))
    {
        Some(Level::Sentence)
    } else if ch.is_whitespace() {
        Some(Level::Word)
    } else {
        None
    }
}

/// Moves a hard cut back (a few chars at most) so it does not split an emoji from a zero-width
/// joiner, variation selector, skin-tone modifier or combining mark.
fn soften_hard_cut(rest: &str, hard: usize) -> usize {
    let mut cut = hard;
    for _ in 0..16 {
        let next = rest[cut..].chars().next();
        let prev = rest[..cut].chars().next_back();
        let joined = next.is_some_and(is_continuation) || prev == Some('\u{200D}');
        if !joined {
            return cut;
        }
        match rest[..cut].char_indices().next_back() {
            Some((b, _)) if b > 0 => cut = b,
            _ => break,
        }
    }
    hard
}

fn is_continuation(c: char) -> bool {
    matches!(c,
        '\u{200D}' | '\u{FE0E}' | '\u{FE0F}' | '\u{20E3}'
        | '\u{0300}'..='\u{036F}'
        | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{E0020}'..='\u{E007F}')
}

/// Drops the separator at the start of the next part: line breaks after a paragraph or line
/// cut (indentation of the next line is kept), spaces after a sentence or word cut.
fn skip_separator(next: &str, level: Option<Level>) -> &str {
    match level {
        Some(Level::Paragraph | Level::Line) => next.trim_start_matches(['\n', '\r']),
        Some(Level::Sentence | Level::Word) => next.trim_start(),
        None => next,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lens(parts: &[String]) -> Vec<usize> {
        parts.iter().map(|p| p.chars().count()).collect()
    }

    #[test]
    fn short_and_blank_bodies() {
        assert_eq!(split_text("hello", 10), vec!["hello"]);
        assert_eq!(split_text("  keep  ", 10), vec!["  keep  "]);
        assert!(split_text("", 10).is_empty());
        assert!(split_text(" \n\t ", 10).is_empty());
    }

    #[test]
    fn exact_limit_is_one_part_and_one_more_char_is_two() {
        let exact = "a".repeat(TEXT_LIMIT);
        assert_eq!(split_text(&exact, TEXT_LIMIT), vec![exact.clone()]);
        let over = format!("{exact}b");
        let parts = split_text(&over, TEXT_LIMIT);
        assert_eq!(lens(&parts), vec![TEXT_LIMIT, 1]);
        assert_eq!(parts.concat(), over);
    }

    #[test]
    fn prefers_paragraphs_over_lines_and_words() {
        let body = "first para line one\nline two\n\nsecond para which is long";
        let parts = split_text(body, 40);
        assert_eq!(
            parts,
            vec!["first para line one\nline two", "second para which is long"]
        );
    }

    #[test]
    fn falls_back_to_lines_then_sentences_then_words() {
        let lines = "one two three\nfour five six seven";
        assert_eq!(
            split_text(lines, 20),
            vec!["one two three", "four five six seven"]
        );
        let sentences = "Short one. Then a longer sentence here";
        assert_eq!(
            split_text(sentences, 25),
            vec!["Short one.", "Then a longer sentence", "here"]
        );
        let words = "alpha beta gamma delta";
        assert_eq!(split_text(words, 12), vec!["alpha beta", "gamma delta"]);
    }

    #[test]
    fn break_exactly_at_the_limit_is_used() {
        // The char right after the first 10 is the paragraph break.
        let body = "0123456789\n\nabc";
        assert_eq!(split_text(body, 10), vec!["0123456789", "abc"]);
    }

    #[test]
    fn keeps_indentation_after_line_cuts() {
        let body = "fn main() {\n    body();\n}";
        let parts = split_text(body, 24);
        assert_eq!(parts, vec!["fn main() {\n    body();", "}"]);
        let parts = split_text("line one here\n    indented line", 16);
        assert_eq!(parts, vec!["line one here", "    indented", "line"]);
    }

    #[test]
    fn counts_chars_not_bytes_and_never_splits_a_char() {
        let body = "é".repeat(10);
        let parts = split_text(&body, 4);
        assert_eq!(lens(&parts), vec![4, 4, 2]);
        assert_eq!(parts.concat(), body);
        let emoji = "😀".repeat(TEXT_LIMIT + 5);
        let parts = split_text(&emoji, TEXT_LIMIT);
        assert_eq!(lens(&parts), vec![TEXT_LIMIT, 5]);
    }

    #[test]
    fn multibyte_text_with_spaces_splits_on_words() {
        let body = "日本語 のテキスト です。 次の文 です";
        for part in split_text(body, 8) {
            assert!(part.chars().count() <= 8, "{part}");
            assert!(!part.starts_with(' ') && !part.ends_with(' '));
        }
    }

    #[test]
    fn hard_cut_does_not_separate_emoji_modifiers() {
        // 👍🏽 is two chars: thumbs up + skin tone; a cut of 5 would fall between them.
        let body = "abcd👍🏽efgh";
        let parts = split_text(body, 5);
        assert_eq!(parts, vec!["abcd", "👍🏽efg", "h"]);
        let family = "ab👨\u{200D}👩\u{200D}👧cd";
        let parts = split_text(family, 5);
        assert!(
            parts
                .iter()
                .all(|p| !p.ends_with('\u{200D}') && !p.starts_with('\u{200D}'))
        );
        assert_eq!(parts.concat(), family);
    }

    #[test]
    fn long_reply_roundtrips_modulo_boundary_whitespace() {
        let para = "This is a sentence. ".repeat(120);
        let body = format!("{para}\n\n{para}\n\n{para}");
        let parts = split_text(&body, TEXT_LIMIT);
        assert!(parts.len() >= 2);
        assert!(lens(&parts).iter().all(|&n| n <= TEXT_LIMIT));
        let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(squash(&parts.join(" ")), squash(&body));
    }
}
