//! Business hours (`BUSINESS_HOURS`): when a person can be expected to answer, as wall-clock
//! times in the business's time zone (`BUSINESS_TIMEZONE`).
//!
//! Syntax: rules separated by `;`, each `DAYS TIMES`.
//!
//! - `DAYS`: `mon` … `sun` (or the full English names, any case), ranges such as `mon-fri`
//!   (a range may wrap: `fri-mon` is Friday to Monday), and lists of either: `mon,wed,fri-sat`.
//! - `TIMES`: one or more `HH:MM-HH:MM` separated by `,`. `24:00` may end a range; a range whose
//!   end is not after its start runs past midnight into the next day (`fri 22:00-02:00` is open
//!   from Friday 22:00 to Saturday 02:00).
//!
//! Example: `mon-fri 09:00-12:30,13:30-18:00; sat 10:00-14:00`. Ranges are half-open (open at
//! 09:00, closed at 18:00) and may overlap (their union counts). A schedule with no range is
//! refused: leave `BUSINESS_HOURS` unset for "always open".
//!
//! Times are civil times in the zone, so a week that crosses a daylight-saving change still
//! opens at 09:00 local time; an opening inside a spring-forward gap (02:30 on a night that
//! skips from 02:00 to 03:00) happens at the same distance after the gap (03:30), jiff's
//! "compatible" rule. Everything here is pure: the instant is passed in ([`BusinessHours::is_open`],
//! [`BusinessHours::next_opening`]), never read from the clock. Parsing fails with a sentence
//! for the `BUSINESS_HOURS` configuration error.

use std::str::FromStr;

use jiff::ZonedDateTime;
use jiff::civil::{Date, Weekday};

const DAY_MINUTES: u16 = 24 * 60;
const DAYS: [(&str, &str); 7] = [
    ("mon", "monday"),
    ("tue", "tuesday"),
    ("wed", "wednesday"),
    ("thu", "thursday"),
    ("fri", "friday"),
    ("sat", "saturday"),
    ("sun", "sunday"),
];

/// A weekly schedule: per weekday (Monday first), the opening ranges in minutes after that
/// day's midnight; an end past midnight (24 * 60 minutes) runs into the next day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BusinessHours {
    days: [Vec<(u16, u16)>; 7],
}

impl FromStr for BusinessHours {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let mut days: [Vec<(u16, u16)>; 7] = Default::default();
        for rule in s.split(';').map(str::trim).filter(|r| !r.is_empty()) {
            let (which, times) = rule.split_once(char::is_whitespace).ok_or_else(|| {
                format!("{rule:?}: expected days then times, e.g. mon-fri 09:00-18:00")
            })?;
            let ranges = times
                .split(',')
                .map(|t| range(t.trim()))
                .collect::<Result<Vec<_>, _>>()?;
            for d in day_set(which)? {
                days[d].extend(ranges.iter().copied());
            }
        }
        if days.iter().all(Vec::is_empty) {
            return Err(format!(
                "{s:?}: no opening hours (leave it unset to be always open)"
            ));
        }
        for d in &mut days {
            d.sort_unstable();
        }
        Ok(BusinessHours { days })
    }
}

/// The weekdays (0 = Monday) of `spec`: `mon`, `mon-fri`, `fri-mon`, `mon,wed,fri-sat`.
fn day_set(spec: &str) -> Result<Vec<usize>, String> {
    let mut out = Vec::new();
    for part in spec.split(',').map(str::trim) {
        let (a, b) = part.split_once('-').unwrap_or((part, part));
        let (a, b) = (day(a)?, day(b)?);
        let mut d = a;
        loop {
            out.push(d);
            if d == b {
                break;
            }
            d = (d + 1) % 7;
        }
    }
    Ok(out)
}

fn day(name: &str) -> Result<usize, String> {
    let n = name.trim().to_ascii_lowercase();
    DAYS.iter()
        .position(|(short, long)| n == *short || n == *long)
        .ok_or_else(|| format!("{name:?}: not a day (use mon, tue, wed, thu, fri, sat, sun)"))
}

/// `HH:MM-HH:MM` in minutes; an end not after the start runs into the next day.
fn range(spec: &str) -> Result<(u16, u16), String> {
    let (a, b) = spec
        .split_once('-')
        .ok_or_else(|| format!("{spec:?}: expected a range such as 09:00-18:00"))?;
    let (start, end) = (clock(a)?, clock(b)?);
    if start >= DAY_MINUTES {
        return Err(format!("{spec:?}: a range cannot start at 24:00"));
    }
    if start == end {
        return Err(format!(
            "{spec:?}: an empty range (00:00-24:00 is the whole day)"
        ));
    }
    Ok(if end > start {
        (start, end)
    } else {
        (start, end + DAY_MINUTES)
    })
}

/// `HH:MM` (00:00 to 24:00) in minutes after midnight.
fn clock(spec: &str) -> Result<u16, String> {
    let bad = || format!("{spec:?}: expected a time such as 09:00");
    let (h, m) = spec.trim().split_once(':').ok_or_else(bad)?;
    if h.len() != 2 || m.len() != 2 {
        return Err(bad());
    }
    let (h, m): (u16, u16) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    match (h, m) {
        (24, 0) => Ok(DAY_MINUTES),
        (0..=23, 0..=59) => Ok(h * 60 + m),
        _ => Err(bad()),
    }
}

fn weekday_index(w: Weekday) -> usize {
    w.to_monday_zero_offset() as usize
}

impl BusinessHours {
    /// True when `at` (in the business's zone) falls inside an opening range.
    pub fn is_open(&self, at: &ZonedDateTime) -> bool {
        let dt = at.datetime();
        let minute = dt.hour() as u16 * 60 + dt.minute() as u16;
        let today = weekday_index(dt.weekday());
        let yesterday = (today + 6) % 7;
        self.days[today]
            .iter()
            .any(|(s, e)| *s <= minute && minute < *e)
            || self.days[yesterday]
                .iter()
                .any(|(_, e)| minute + DAY_MINUTES < *e)
    }

    /// The first opening strictly after `at`, in `at`'s zone (within the next week and a day).
    /// Meant for a closed `at`; for an open one it is the next range's start.
    pub fn next_opening(&self, at: &ZonedDateTime) -> Option<ZonedDateTime> {
        let mut date = at.date();
        for _ in 0..=7 {
            if let Some(z) = self.first_start_after(date, at) {
                return Some(z);
            }
            date = date.tomorrow().ok()?;
        }
        None
    }

    fn first_start_after(&self, date: Date, at: &ZonedDateTime) -> Option<ZonedDateTime> {
        self.days[weekday_index(date.weekday())]
            .iter()
            .filter_map(|(s, _)| {
                let local = date.at((s / 60) as i8, (s % 60) as i8, 0, 0);
                local.to_zoned_datetime(at.time_zone().clone()).ok()
            })
            .find(|z| z.timestamp() > at.timestamp())
    }
}

/// How the customer is told an instant: `Monday 09:00 (Europe/Lisbon)`.
pub fn describe(z: &ZonedDateTime) -> String {
    let day = DAYS[weekday_index(z.weekday())].1;
    let mut name = day.to_owned();
    name[..1].make_ascii_uppercase();
    let zone = z.time_zone().iana_name().unwrap_or("UTC");
    format!("{name} {:02}:{:02} ({zone})", z.hour(), z.minute())
}

#[cfg(test)]
mod tests;
