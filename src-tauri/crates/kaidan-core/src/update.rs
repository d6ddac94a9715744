//! When Kaidan looks for a new version of itself. The looking, downloading and installing are
//! the desktop shell's (the Tauri updater plugin); what must come first — no import running, a
//! verified backup — is `kaidan_api::Desk::before_update`. Time is passed in: no clock here.

use chrono::{DateTime, Duration, Utc};

/// At most one look a day: a shop on a slow or paid connection is not pestered, and a release
/// reaches every counter within a day of being published.
pub const CHECK_EVERY: Duration = Duration::hours(24);

/// Whether the daily look for a new version is due at `now`: never looked, looked a day ago or
/// more, or the last look is in the future (the clock was set back; looking again puts it right).
pub fn check_due(last: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    match last {
        None => true,
        Some(at) if at > now + Duration::minutes(5) => true,
        Some(at) => now.signed_duration_since(at) >= CHECK_EVERY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn once_a_day_and_again_after_the_clock_went_back() {
        let now = at("2026-12-07T09:00:00Z");
        assert!(check_due(None, now));
        assert!(!check_due(Some(at("2026-12-07T08:59:00Z")), now));
        assert!(!check_due(Some(at("2026-12-06T09:00:01Z")), now));
        assert!(check_due(Some(at("2026-12-06T09:00:00Z")), now));
        assert!(check_due(Some(at("2026-11-01T00:00:00Z")), now));
        // a few minutes ahead is clock drift between the look and now; a day ahead is a clock set back
        assert!(!check_due(Some(at("2026-12-07T09:03:00Z")), now));
        assert!(check_due(Some(at("2026-12-08T09:00:00Z")), now));
    }
}
