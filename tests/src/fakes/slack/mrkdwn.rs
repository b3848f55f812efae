//! The mrkdwn escaping check (`../shared/specs/slack.md` §4.1): in mrkdwn, `&`, `<` and `>`
//! must reach Slack as `&amp;`, `&lt;` and `&gt;` unless they are markup Baton wrote on
//! purpose. Customer text that slips through unescaped could ping the whole channel
//! (`<!channel>`) or show a fake link.
//!
//! What counts as markup: user mentions `<@U…>`, channel links `<#C…>`, dates `<!date^…>`,
//! links `<https://…>` / `<mailto:…>` (with an optional `|label`), and `>` opening a line
//! (a block quote). Everything else is a problem: `<!channel>`, `<!here>`, `<!everyone>`,
//! `<!subteam^…>`, any other `<…>`, a `<` or `>` on its own, an `&` that does not start one of
//! the three entities. The check cannot tell customer text from Baton's own words, so Baton's
//! text must follow the same rule (the spec asks for it anyway). Pure; never panics.

/// Every escaping problem in `text`; `place` names where it was (e.g. `text`, `blocks[2]`).
pub fn problems(text: &str, place: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut line_start = true;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let mut step = c.len_utf8();
        match c {
            '<' => match rest[1..].find(['>', '<', '\n']).map(|i| i + 1) {
                Some(end) if rest.as_bytes()[end] == b'>' => {
                    if let Some(p) = sequence_problem(&rest[1..end]) {
                        out.push(format!("{place}: {p}"));
                    }
                    step = end + 1;
                }
                _ => out.push(format!("{place}: raw `<` (escape it as &lt;)")),
            },
            '>' if !line_start => out.push(format!("{place}: raw `>` (escape it as &gt;)")),
            '&' if !["&amp;", "&lt;", "&gt;"]
                .iter()
                .any(|e| rest.starts_with(e)) =>
            {
                out.push(format!("{place}: raw `&` (escape it as &amp;)"));
            }
            _ => {}
        }
        line_start = c == '\n' || (line_start && c == ' ');
        rest = &rest[step..];
    }
    out
}

/// Why `<inner>` is not markup Baton may write, if it is not.
fn sequence_problem(inner: &str) -> Option<String> {
    let target = inner.split('|').next().unwrap_or_default();
    let id = |prefixes: &[char], s: &str| {
        s.starts_with(prefixes)
            && s.len() > 1
            && s.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    };
    if let Some(special) = target.strip_prefix('!') {
        if special.starts_with("date^") {
            return None;
        }
        return Some(format!(
            "special mention `<{inner}>` (customer text must be escaped)"
        ));
    }
    let ok = target.strip_prefix('@').is_some_and(|u| id(&['U', 'W'], u))
        || target.strip_prefix('#').is_some_and(|c| id(&['C', 'G'], c))
        || ["https://", "http://", "mailto:"]
            .iter()
            .any(|s| target.starts_with(s) && target.len() > s.len());
    (!ok).then(|| format!("raw `<{inner}>` is not a mention or link (escape `<` and `>`)"))
}

#[cfg(test)]
mod tests {
    use super::problems;

    #[test]
    fn markup_baton_writes_passes() {
        for ok in [
            "*Customer:* Is anyone there?",
            "Claimed by <@U0AGENT01> · see <#C0HANDOFF1|handoff>",
            "<https://console.example/c/1|Open in console> &amp; more",
            "> quoted line\n  > another quote",
            "Customer wrote: &lt;!channel&gt; 5 &gt; 3 &amp; 2 &lt; 4",
            "Waiting since <!date^1718000000^{time}|10:13 UTC>",
            ":speech_balloon: emoji and `code`",
        ] {
            assert_eq!(problems(ok, "text"), Vec::<String>::new(), "{ok}");
        }
    }

    #[test]
    fn unescaped_customer_text_is_caught() {
        for (bad, why) in [
            ("hey <!channel> look", "special mention"),
            ("<!here|here>", "special mention"),
            ("<!subteam^S123>", "special mention"),
            ("I <3 this", "raw `<`"),
            ("5 > 3", "raw `>`"),
            ("<b>bold</b>", "not a mention or link"),
            ("<javascript:alert(1)|click>", "not a mention or link"),
            ("Tom & Jerry", "raw `&`"),
            ("a <<!channel>", "raw `<`"),
        ] {
            let found = problems(bad, "text").join("; ");
            assert!(found.contains(why), "{bad:?}: {found:?}");
        }
    }
}
