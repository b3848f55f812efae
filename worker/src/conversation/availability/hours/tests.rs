//! Business hours with instants passed in (never the wall clock). Lisbon's 2026 clock changes:
//! Sunday 29 March 01:00 UTC (WET, UTC+0 → WEST, UTC+1) and Sunday 25 October 01:00 UTC back.

use super::*;

fn hours(s: &str) -> BusinessHours {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn at(s: &str) -> ZonedDateTime {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// The next opening as a UTC instant, for comparisons that a fixed-offset mistake would fail.
fn next_utc(h: &BusinessHours, now: &str) -> String {
    let z = h.next_opening(&at(now)).expect("an opening within a week");
    z.timestamp().to_string()
}

const SHOP: &str = "mon-fri 09:00-18:00; sat 10:00-14:00";

#[test]
fn the_syntax_and_its_errors() {
    let h = hours("Mon-Wed,fri 09:00-12:30, 13:30-18:00 ; sunday 10:00-14:00;");
    assert_eq!(h.days[0], [(540, 750), (810, 1080)]);
    assert!(h.days[3].is_empty(), "thursday closed");
    assert_eq!(h.days[4], h.days[0]);
    assert_eq!(h.days[6], [(600, 840)]);
    assert_eq!(
        hours("fri-mon 10:00-11:00")
            .days
            .iter()
            .filter(|d| !d.is_empty())
            .count(),
        4
    );
    assert_eq!(hours("fri 22:00-02:00").days[4], [(1320, 1560)]);
    assert_eq!(hours("sat 00:00-24:00").days[5], [(0, 1440)]);
    for bad in [
        "",
        ";",
        "mon-fri",
        "mon-fry 09:00-18:00",
        "mon 9:00-18:00",
        "mon 09:00-18:60",
        "mon 24:00-02:00",
        "mon 09:00-09:00",
        "mon 09:00",
        "mon 25:00-26:00",
    ] {
        assert!(bad.parse::<BusinessHours>().is_err(), "{bad:?} accepted");
    }
}

#[test]
fn a_weekend_waits_for_monday_and_saturday_opens_later() {
    let h = hours(SHOP);
    let sat = at("2026-04-04T15:00:00[Europe/Lisbon]");
    assert!(!h.is_open(&sat));
    let next = h.next_opening(&sat).unwrap();
    assert_eq!(describe(&next), "Monday 09:00 (Europe/Lisbon)");
    assert_eq!(next.timestamp().to_string(), "2026-04-06T08:00:00Z");
    assert_eq!(
        next_utc(&h, "2026-04-04T09:00:00[Europe/Lisbon]"),
        "2026-04-04T09:00:00Z",
        "saturday opens at 10:00 WEST"
    );
    assert!(h.is_open(&at("2026-04-03T17:59:00[Europe/Lisbon]")));
    assert!(
        h.is_open(&at("2026-04-06T09:00:00[Europe/Lisbon]")),
        "open at the opening minute"
    );
    let friday_close = at("2026-04-03T18:00:00[Europe/Lisbon]");
    assert!(!h.is_open(&friday_close), "closed at the closing minute");
    assert_eq!(
        describe(&h.next_opening(&friday_close).unwrap()),
        "Saturday 10:00 (Europe/Lisbon)"
    );
}

#[test]
fn openings_across_a_clock_change_stay_at_local_time() {
    let h = hours("mon-fri 09:00-18:00");
    // Friday evening in winter time; Monday opens in summer time: 09:00 WEST is 08:00 UTC
    // (adding 62 hours to Friday 19:00 UTC would say 09:00 UTC).
    assert_eq!(
        next_utc(&h, "2026-03-27T19:00:00[Europe/Lisbon]"),
        "2026-03-30T08:00:00Z"
    );
    // And back in October: Monday 09:00 WET is 09:00 UTC.
    assert_eq!(
        next_utc(&h, "2026-10-23T19:00:00[Europe/Lisbon]"),
        "2026-10-26T09:00:00Z"
    );
    // An opening inside the skipped hour (01:00-02:00 on 29 March) happens after the gap.
    let gap = hours("sun 01:30-03:00");
    assert_eq!(
        next_utc(&gap, "2026-03-28T12:00:00[Europe/Lisbon]"),
        "2026-03-29T01:30:00Z"
    );
    // A zone on the other side of the world, its own rules (New York: 8 March 2026).
    assert_eq!(
        next_utc(&h, "2026-03-06T20:00:00[America/New_York]"),
        "2026-03-09T13:00:00Z"
    );
}

#[test]
fn ranges_across_midnight_and_the_edges_of_a_day() {
    let late = hours("fri 22:00-02:00");
    assert!(late.is_open(&at("2026-04-03T23:00:00[UTC]")));
    assert!(
        late.is_open(&at("2026-04-04T01:59:00[UTC]")),
        "saturday 01:59"
    );
    let closed = at("2026-04-04T02:00:00[UTC]");
    assert!(!late.is_open(&closed));
    assert_eq!(
        next_utc(&late, "2026-04-04T02:00:00[UTC]"),
        "2026-04-10T22:00:00Z"
    );
    assert!(!late.is_open(&at("2026-04-03T21:59:00[UTC]")));

    let split = hours("mon 09:00-24:00; tue 00:00-03:00");
    assert!(split.is_open(&at("2026-04-06T23:59:00[UTC]")));
    assert!(split.is_open(&at("2026-04-07T00:00:00[UTC]")));
    assert!(!split.is_open(&at("2026-04-07T03:00:00[UTC]")));

    let dawn = hours("tue 00:00-08:00");
    assert_eq!(
        next_utc(&dawn, "2026-04-06T23:30:00[UTC]"),
        "2026-04-07T00:00:00Z"
    );

    let always = hours("mon-sun 00:00-24:00");
    for t in ["2026-04-05T00:00:00[UTC]", "2026-04-05T23:59:59[UTC]"] {
        assert!(always.is_open(&at(t)), "{t}");
    }
    // Only Mondays 09:00-10:00, asked on a Monday at 10:30: a week later.
    let once = hours("mon 09:00-10:00");
    assert_eq!(
        next_utc(&once, "2026-04-06T10:30:00[UTC]"),
        "2026-04-13T09:00:00Z"
    );
}
