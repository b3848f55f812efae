//! The monotonic delivery-status state machine for our outbound messages (spec §2.6, §4).
//!
//! Status webhooks arrive out of order and duplicated, so the stored status of a wamid only
//! ever moves forward. Rules (spec §4, "our rule"):
//!
//! - the ladder is `sent` (1) < `delivered` (2) < `read` (3) < `played` (4); a lower or equal
//!   rank never replaces a higher one (`delivered` may be skipped: `read` implies it);
//! - `failed` is not on the ladder ([`status_rank`] gives `None`). It replaces nothing but an
//!   empty record or `sent`, and once stored it is terminal, except that a `delivered`, `read`
//!   or `played` arriving afterwards proves the message reached the user and replaces it;
//! - unknown statuses (e.g. `deleted`) are tolerated but never enter the state machine: they
//!   replace nothing, and any known status replaces a stored unknown one.
//!
//! Pure functions; they cannot fail. Comparison is case-sensitive, as Meta sends lowercase.

/// Rank of a delivery status on the ladder: `sent`=1 < `delivered`=2 < `read`=3 < `played`=4.
/// `failed` and unknown statuses have no rank (see the module rules).
pub fn status_rank(status: &str) -> Option<u8> {
    match status {
        "sent" => Some(1),
        "delivered" => Some(2),
        "read" => Some(3),
        "played" => Some(4),
        _ => None,
    }
}

/// Whether `incoming` should replace the `stored` status of the same message.
pub fn status_supersedes(stored: Option<&str>, incoming: &str) -> bool {
    let known = |s: &str| s == "failed" || status_rank(s).is_some();
    if !known(incoming) {
        return false;
    }
    let Some(stored) = stored.filter(|s| known(s)) else {
        return true;
    };
    match (status_rank(stored), status_rank(incoming)) {
        // failed replaces only `sent`; delivered/read/played already prove delivery.
        (Some(old), None) => old == 1,
        // A late `sent` does not revive a failed message; delivered or better does.
        (None, Some(new)) => new >= 2,
        (Some(old), Some(new)) => new > old,
        // failed after failed: a duplicate.
        (None, None) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks() {
        assert_eq!(status_rank("sent"), Some(1));
        assert_eq!(status_rank("delivered"), Some(2));
        assert_eq!(status_rank("read"), Some(3));
        assert_eq!(status_rank("played"), Some(4));
        assert_eq!(status_rank("failed"), None);
        assert_eq!(status_rank("deleted"), None);
        assert_eq!(status_rank("READ"), None);
    }

    #[test]
    fn ladder_only_moves_forward() {
        let s = status_supersedes;
        assert!(s(None, "sent"));
        assert!(s(Some("sent"), "delivered"));
        assert!(s(Some("sent"), "read"), "delivered may be skipped");
        assert!(s(Some("read"), "played"));
        assert!(!s(Some("delivered"), "sent"), "late sent after delivered");
        assert!(!s(Some("read"), "delivered"));
        assert!(!s(Some("played"), "read"));
        assert!(!s(Some("read"), "read"), "duplicate");
    }

    #[test]
    fn failed_rules() {
        let s = status_supersedes;
        assert!(s(None, "failed"));
        assert!(s(Some("sent"), "failed"));
        assert!(!s(Some("delivered"), "failed"));
        assert!(!s(Some("read"), "failed"));
        assert!(!s(Some("failed"), "failed"));
        assert!(
            !s(Some("failed"), "sent"),
            "failed is terminal for a late sent"
        );
        assert!(s(Some("failed"), "delivered"), "delivered proves otherwise");
        assert!(s(Some("failed"), "read"));
        assert!(s(Some("failed"), "played"));
    }

    #[test]
    fn unknown_statuses_never_win() {
        let s = status_supersedes;
        assert!(!s(None, "deleted"));
        assert!(!s(Some("sent"), "deleted"));
        assert!(!s(Some("failed"), "deleted"));
        assert!(s(Some("deleted"), "sent"));
        assert!(s(Some("deleted"), "failed"));
    }
}
