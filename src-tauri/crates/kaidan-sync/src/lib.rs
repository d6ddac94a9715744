//! Several counters, one set of books (docs/SYNC.md): the shop's PostgreSQL server and a
//! counter's sync with it.
//!
//! - [`init_server`] makes the server from this shop (the owner, once): the schema and its
//!   entry points (`server.sql`), this counter registered, the whole history sent.
//! - [`register_counter`] gives a new counter a role and a password (the owner).
//! - [`join`] makes a new counter's file from the server's history.
//! - [`sync`] sends what this counter did and applies what the others did.
//!
//! Every statement run on the server is here or in `server.sql` (the SQLite side is
//! kaidan-store's `sync.rs`). A counter's role may only call the `kaidan.*` functions; the
//! rules of what the server accepts are theirs.

use std::path::Path;

use kaidan_core::sync::{Change, RecordKind, SyncTable, FORMAT};
use kaidan_core::{Error, Problem};
use kaidan_store::{Stamp, Store};
use postgres::Client;
use serde_json::Value;

pub mod tls;

/// A moment (the caller reads the clock).
pub type Now = chrono::DateTime<chrono::Utc>;

const SERVER_SQL: &str = include_str!("server.sql");

/// How many changes go to the server in one batch (whole transactions).
pub const BATCH: usize = 500;

/// A server that did not answer: the counter goes on offline.
fn unreachable(e: impl std::fmt::Display) -> Error {
    Error::new(Problem::ServerUnreachable { detail: e.to_string() })
}

/// What a failed connection says: the server's own words (`password authentication failed for
/// user …`), else the error and its cause (`error connecting to server: Connection refused`).
fn connect_failed(e: postgres::Error) -> Error {
    if let Some(distrust) = tls::certificate_error(&e) {
        return distrust;
    }
    let detail = match e.as_db_error() {
        Some(db) => db.message().to_string(),
        None => match std::error::Error::source(&e) {
            Some(cause) => format!("{e}: {cause}"),
            None => e.to_string(),
        },
    };
    Error::new(Problem::ServerUnreachable { detail })
}

/// What the server said: a refusal of its entry point (SQLSTATE `KD…`) or another error.
fn server_error(e: postgres::Error) -> Error {
    match e.as_db_error() {
        Some(db) => Error::new(Problem::ServerRefused { detail: db.message().to_string() }),
        None => unreachable(e),
    }
}

/// The address as kept on the counter: without its password.
pub fn without_password(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) => {
            let _ = u.set_password(None);
            u.to_string()
        }
        Err(_) => url.to_string(),
    }
}

/// The address with `password` put in.
fn with_password(url: &str, user: &str, password: &str) -> Result<String, Error> {
    let mut u = url::Url::parse(url).map_err(|e| Error::new(Problem::ServerUnreachable { detail: e.to_string() }))?;
    u.set_username(user).map_err(|_| unreachable("the address has no host"))?;
    u.set_password(Some(password)).map_err(|_| unreachable("the address has no host"))?;
    Ok(u.to_string())
}

fn connect(url: &str) -> Result<Client, Error> {
    connect_counter(url)
}

/// A password for a counter's role: 32 letters and digits from the system's random source.
fn new_password() -> Result<String, Error> {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| unreachable(format!("no random source: {e}")))?;
    Ok(bytes.iter().map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char).collect())
}

/// A counter registered on the server: where it connects and as whom.
#[derive(Debug, Clone)]
pub struct Registration {
    pub device_id: String,
    pub code: String,
    /// The address the counter connects with, its role and password in it.
    pub url: String,
}

/// The role name of counter `code` in this database (roles are the whole cluster's: the
/// database's name keeps two shops on one server apart).
fn role_name(database: &str, code: &str) -> String {
    let db: String = database.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
    format!("kaidan_{db}_{}", code.to_ascii_lowercase())
}

/// Registers a counter (the owner, with the server's owner address): its own role, allowed
/// only the entry points, and its device id. `device_id` is the counter's own when it already
/// exists (the shop's first counter), else a new one is made.
pub fn register_counter(admin_url: &str, code: &str, device_id: Option<&str>, at: Now) -> Result<Registration, Error> {
    let code =
        kaidan_core::sync::parse_device_code(code).ok_or_else(|| Error::new(Problem::DeviceCodeFormat { given: code.to_string() }))?;
    let mut admin = connect(admin_url)?;
    let database: String = admin.query_one("SELECT current_database()", &[]).map_err(server_error)?.get(0);
    let role = role_name(&database, &code);
    let password = new_password()?;
    let id = match device_id {
        Some(id) => id.to_string(),
        None => kaidan_store::new_id(at),
    };
    let taken = admin.query_opt("SELECT 1 FROM kaidan.device WHERE code = $1", &[&code]).map_err(server_error)?;
    if taken.is_some() {
        return Err(Error::new(Problem::DeviceCodeTaken { code }));
    }
    let mut tx = admin.transaction().map_err(server_error)?;
    // the role's password is set by the server from a literal: quote it as PostgreSQL does
    tx.batch_execute(&format!(
        "CREATE ROLE {role} LOGIN PASSWORD '{password}';
         GRANT USAGE ON SCHEMA kaidan TO {role};
         GRANT USAGE ON SCHEMA pgq TO {role};
         GRANT EXECUTE ON FUNCTION kaidan.caller(), kaidan.apply_batch(jsonb), kaidan.pull(), kaidan.done(bigint, bigint),
                                   kaidan.whoami(),
                                   kaidan.subscribe(), kaidan.history(bigint, bigint, int), kaidan.issues(),
                                   kaidan.check() TO {role};"
    ))
    .map_err(server_error)?;
    tx.execute("INSERT INTO kaidan.device (id, code, role) VALUES ($1, $2, $3)", &[&id, &code, &role]).map_err(server_error)?;
    tx.commit().map_err(server_error)?;
    Ok(Registration { device_id: id, code, url: with_password(admin_url, &role, &password)? })
}

/// Makes the shop's server from this shop (the owner, once): the schema and its entry points
/// on the empty database at `admin_url`, this counter registered as `code`, and the whole
/// shop put in the outbox, which the first [`sync`] sends. Returns this counter's
/// registration (its address carries its password: keep it where the counter reads it).
pub fn init_server(store: &mut Store, stamp: &Stamp, admin_url: &str, code: &str) -> Result<Registration, Error> {
    if let Some(link) = store.read(|db| db.sync_link())? {
        return Err(Error::new(Problem::AlreadyLinked { server: link.server }));
    }
    let code =
        kaidan_core::sync::parse_device_code(code).ok_or_else(|| Error::new(Problem::DeviceCodeFormat { given: code.to_string() }))?;
    let mut admin = connect(admin_url)?;
    let mut tx = admin.transaction().map_err(server_error)?;
    tx.batch_execute(SERVER_SQL).map_err(server_error)?;
    tx.execute("INSERT INTO kaidan.meta (id, format) VALUES (1, $1)", &[&(FORMAT as i32)]).map_err(server_error)?;
    for t in SyncTable::ALL {
        let kind: RecordKind = t.kind();
        tx.execute(
            "INSERT INTO kaidan.sync_table (tbl, kind, owner_column, unique_columns) VALUES ($1, $2, $3, $4)",
            &[&t.as_str(), &kind.as_str(), &t.owner_column(), &t.unique_columns()],
        )
        .map_err(server_error)?;
    }
    tx.commit().map_err(server_error)?;
    let reg = register_counter(admin_url, &code, Some(&stamp.device_id), stamp.at)?;
    let mut counter = connect(&reg.url)?;
    counter.query_one("SELECT kaidan.subscribe()", &[]).map_err(server_error)?;
    store.write(|db| db.start_sync(stamp, &without_password(&reg.url), &reg.code, true))?;
    store.relink()?;
    Ok(reg)
}

/// Makes a new counter's file at `path` from the shop's server: this counter (as registered
/// by the owner; `expect_code`, when given, must be its code) starts receiving, and the shop's whole history is applied, a transaction of
/// SQLite per batch of changes.
pub fn join(path: &Path, url: &str, expect_code: Option<&str>, at: Now) -> Result<Store, Error> {
    if path.exists() {
        return Err(Error::new(Problem::JoinNeedsNewFile { path: path.display().to_string() }));
    }
    let mut store = Store::open(path)?;
    join_into(&mut store, url, expect_code, at)?;
    Ok(store)
}

/// [`join`] into a shop file that is open and empty (a new PC's window: the file was made when
/// it started). A file that holds a shop is refused: joining never mixes two shops' books.
pub fn join_into(store: &mut Store, url: &str, expect_code: Option<&str>, at: Now) -> Result<(), Error> {
    if store.read(|db| db.local_ids()).is_ok() {
        return Err(Error::new(Problem::AlreadyInitialized));
    }
    let mut client = connect(url)?;
    let sub: Value = client.query_one("SELECT kaidan.subscribe()", &[]).map_err(server_error)?.get(0);
    let device_id = sub["device_id"].as_str().unwrap_or_default().to_string();
    let code = sub["code"].as_str().unwrap_or_default().to_string();
    let history_to = sub["history_to"].as_i64().unwrap_or(0);
    if let Some(c) = expect_code.filter(|c| !c.trim().eq_ignore_ascii_case(&code)) {
        return Err(Error::new(Problem::ServerRefused { detail: format!("this address is counter {code}'s, not {}", c.trim()) }));
    }
    store.write(|db| db.join_sync(&device_id, &code, &without_password(url), at))?;
    store.relink()?;
    let stamp = Stamp { operator_id: String::new(), device_id: device_id.clone(), at, request_id: None, approved_by: None };
    replay(&mut client, &mut &mut *store, &stamp, 0, history_to)?;
    Ok(())
}

/// Applies the server's accepted history after `after` up to `upto`, a SQLite transaction per
/// page, and marks it applied (the queue delivers what comes after).
fn replay(client: &mut Client, holder: &mut impl Holder, stamp: &Stamp, mut after: i64, upto: i64) -> Result<usize, Error> {
    let mut applied = 0;
    while after < upto {
        let page: Value =
            client.query_one("SELECT kaidan.history($1, $2, $3)", &[&after, &upto, &(BATCH as i32 * 4)]).map_err(server_error)?.get(0);
        let changes = server_changes(&page)?;
        if changes.is_empty() {
            break;
        }
        after = changes.last().map(|c| c.0).unwrap_or(upto);
        applied += holder.with(|s| s.write(|db| db.apply_remote(stamp, &changes)))?.applied;
    }
    holder.with(|s| s.write(|db| db.pulled_at_least(upto)))?;
    Ok(applied)
}

/// `[{"s": server order, "c": change}, …]` read.
fn server_changes(v: &Value) -> Result<Vec<(i64, Change)>, Error> {
    let items = v.as_array().ok_or_else(|| Error::new(Problem::ServerRefused { detail: "not a list of changes".into() }))?;
    items
        .iter()
        .map(|item| {
            let s = item["s"].as_i64().ok_or_else(|| Error::new(Problem::ServerRefused { detail: "a change without its order".into() }))?;
            let c: Change =
                serde_json::from_value(item["c"].clone()).map_err(|e| Error::new(Problem::ServerRefused { detail: e.to_string() }))?;
            Ok((s, c))
        })
        .collect()
}

/// What one sync did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Synced {
    /// Changes of this counter the server now holds.
    pub sent: usize,
    /// Changes of the others applied here.
    pub received: usize,
    /// What the server noticed in what was sent (oversells, conflicts), as it said it.
    pub noticed: Vec<Value>,
}

/// Where a sync finds the counter's file, one step at a time. The command line holds its
/// [`Store`]; the window lends its shop from behind the lock for each step, so that the other
/// screens work while the network is waited for.
pub trait Holder {
    fn with<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T, Error>) -> Result<T, Error>;
}

impl Holder for &mut Store {
    fn with<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T, Error>) -> Result<T, Error> {
        f(self)
    }
}

/// How long a counter waits for the server to answer a connection: a server PC that is off
/// must not hold the counter up.
pub const CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Connects as `url` says, encrypted when the server offers it and checked as its `sslmode`
/// asks ([`tls`]).
fn connect_counter(url: &str) -> Result<Client, Error> {
    let address = tls::read(url)?;
    let mut config: postgres::Config = address.client_url.parse().map_err(unreachable)?;
    config.connect_timeout(CONNECT_TIMEOUT).keepalives(true).application_name("kaidan");
    config.connect(tls::connector(&address)?).map_err(connect_failed)
}

/// Sends this counter's waiting changes, then applies the others'. Each batch sent is
/// applied by the server all or nothing, and forgotten here only once the server holds it (a
/// batch sent again is recognised); each batch received is applied here in one transaction
/// before the server is told. A failure leaves both sides as they were after the last whole
/// batch, and is recorded on the counter (`SyncLink::last_error`). The file is held only while
/// it is read or written, never while the server is waited for.
pub fn sync(holder: &mut impl Holder, stamp: &Stamp, password_url: &str) -> Result<Synced, Error> {
    let link = holder.with(|s| s.read(|db| db.sync_link()))?.ok_or_else(|| Error::new(Problem::NoServer))?;
    let at = kaidan_store::time_text(stamp.at);
    let result = (|| {
        let mut client = connect_counter(password_url)?;
        let mut out = Synced::default();
        loop {
            let batch = holder.with(|s| s.read(|db| db.outbox(&link.device_id, BATCH)))?;
            let Some(last) = batch.last().map(|c| c.seq) else { break };
            let json = serde_json::to_value(&batch).map_err(unreachable)?;
            let mut tx = client.transaction().map_err(server_error)?;
            let answer: Value = tx.query_one("SELECT kaidan.apply_batch($1)", &[&json]).map_err(server_error)?.get(0);
            fault_point("before-commit");
            tx.commit().map_err(server_error)?;
            fault_point("after-commit");
            let received_to = answer["received_to"].as_i64().unwrap_or(0);
            if received_to < last {
                return Err(Error::new(Problem::ServerRefused { detail: format!("the server holds up to {received_to} of {last}") }));
            }
            if let Some(n) = answer["noticed"].as_array() {
                out.noticed.extend(n.iter().cloned());
            }
            holder.with(|s| s.write(|db| db.outbox_sent(last)))?;
            out.sent += batch.len();
        }
        // a file behind what it told the server it applied (a backup restored, a crash
        // between applying and saying so) replays the history up to there first: the queue
        // does not deliver a finished batch again
        let me: Value = client.query_one("SELECT kaidan.whoami()", &[]).map_err(server_error)?.get(0);
        let delivered_to = me["delivered_to"].as_i64().unwrap_or(0);
        let pulled_to = holder.with(|s| s.read(|db| db.sync_link()))?.map(|l| l.pulled_to).unwrap_or(0);
        if pulled_to < delivered_to {
            out.received += replay(&mut client, holder, stamp, pulled_to, delivered_to)?;
        }
        loop {
            let pulled: Option<Value> = client.query_one("SELECT kaidan.pull()", &[]).map_err(server_error)?.get(0);
            let Some(pulled) = pulled else { break };
            let batch_id = pulled["batch"].as_i64().unwrap_or(0);
            let changes = server_changes(&pulled["changes"])?;
            let applied = holder.with(|s| s.write(|db| db.apply_remote(stamp, &changes)))?;
            out.received += applied.applied;
            client.execute("SELECT kaidan.done($1, $2)", &[&batch_id, &applied.pulled_to]).map_err(server_error)?;
        }
        Ok(out)
    })();
    let error = result.as_ref().err().map(|e| e.message(kaidan_core::Lang::En));
    // the outcome is recorded whatever happened; a failure to record it is not the sync's
    let _ = holder.with(|s| s.write(|db| db.note_sync(&at, error.as_deref())));
    result
}

/// Whether the link to the server at `password_url` is encrypted (PostgreSQL's own view of
/// the connection: `pg_stat_ssl`).
pub fn encrypted(password_url: &str) -> Result<bool, Error> {
    let mut client = connect(password_url)?;
    let row = client
        .query_one("SELECT coalesce((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false)", &[])
        .map_err(server_error)?;
    Ok(row.get(0))
}

/// The fault tests' hook (debug builds only; a release never reads it): when
/// `KAIDAN_SYNC_TEST_PAUSE` names this point, the sync says so on stderr and waits for a line
/// on stdin, so that a test can kill the process there (`kill -9`) or cut its session on the
/// server, then let it go on.
fn fault_point(point: &str) {
    #[cfg(debug_assertions)]
    if std::env::var("KAIDAN_SYNC_TEST_PAUSE").as_deref() == Ok(point) {
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "paused at {point}");
        let _ = std::io::stderr().flush();
        let _ = std::io::stdin().read_line(&mut String::new());
    }
    #[cfg(not(debug_assertions))]
    let _ = point;
}

/// What the server's own check finds wrong (empty: all is well).
pub fn server_check(password_url: &str) -> Result<Vec<String>, Error> {
    let mut client = connect(password_url)?;
    let v: Value = client.query_one("SELECT kaidan.check()", &[]).map_err(server_error)?.get(0);
    Ok(v.as_array().map(|a| a.iter().filter_map(|p| p.as_str().map(str::to_string)).collect()).unwrap_or_default())
}

/// What the server noticed, newest first (the owner's list).
pub fn server_issues(password_url: &str) -> Result<Vec<Value>, Error> {
    let mut client = connect(password_url)?;
    let v: Value = client.query_one("SELECT kaidan.issues()", &[]).map_err(server_error)?.get(0);
    Ok(v.as_array().cloned().unwrap_or_default())
}
