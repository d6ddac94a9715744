//! Several counters: where this counter stands with the shop's server, what a sync did.

use kaidan_api::core::Lang;
use kaidan_api::{SyncOutcome, SyncStatus};

use super::w;

/// The server, this counter's code, what waits, when it last synced, since when it is offline.
pub fn sync_status(lang: Lang, status: Option<&SyncStatus>) -> String {
    let w = w(lang);
    let Some(s) = status else { return w.single_pc().to_string() };
    let mut out = format!(
        "{}{}\n{}{}\n{}{}\n{}{}",
        w.server_label(),
        s.server,
        w.counter_label(),
        s.device,
        w.waiting_label(),
        s.waiting,
        w.synced_label(),
        s.synced_at.as_deref().unwrap_or(w.never())
    );
    if let Some(since) = &s.offline_since {
        out.push_str(&format!("\n{}{}", w.offline_label(), since));
        if let Some(e) = &s.last_error {
            out.push_str(&format!("（{e}）"));
        }
    }
    out
}

/// What one sync sent and received, what the server noticed, and the status after it.
pub fn sync_outcome(lang: Lang, done: &SyncOutcome) -> String {
    let w = w(lang);
    let mut out = format!("{}{}\n{}{}", w.sent_label(), done.sent, w.received_label(), done.received);
    if !done.noticed.is_empty() {
        out.push_str(&format!("\n{}", w.noticed_label()));
        for n in &done.noticed {
            out.push_str(&format!(
                "\n  {} {} {}",
                n["kind"].as_str().unwrap_or(""),
                n["table"].as_str().unwrap_or(""),
                n["id"].as_str().unwrap_or("")
            ));
        }
    }
    out.push('\n');
    out.push_str(&sync_status(lang, Some(&done.status)));
    out
}

/// The server's list of oversells and conflicts.
pub fn sync_issues(lang: Lang, issues: &[serde_json::Value]) -> String {
    if issues.is_empty() {
        return w(lang).no_issues().to_string();
    }
    issues
        .iter()
        .map(|i| {
            format!(
                "{} {} {} {} {}",
                i["at"].as_str().unwrap_or(""),
                i["device"].as_str().unwrap_or(""),
                i["kind"].as_str().unwrap_or(""),
                i["table"].as_str().unwrap_or(""),
                i["row_id"].as_str().unwrap_or("")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}
