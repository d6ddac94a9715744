//! Several counters, one set of books (docs/SYNC.md), through the real `kaidan` binary: each
//! counter is its own process on its own SQLite file, the shop's server a real PostgreSQL with
//! PgQ. `KAIDAN_TEST_PG` is the address of a PostgreSQL role that may create databases and
//! roles (`.ci/run` makes one); each test makes its own database and drops it after.
//!
//! Without `KAIDAN_TEST_PG` these tests say so and pass, except under CI (`CI=true`), where
//! they fail: the fresh-clone run must run them.

use std::path::PathBuf;
use std::process::Command;

use rusqlite::Connection;
use serde_json::Value;

/// The test server: a database of its own, dropped (with its counters' roles) at the end.
struct Server {
    maintenance: String,
    name: String,
    admin: String,
}

impl Server {
    fn new() -> Option<Self> {
        let Ok(maintenance) = std::env::var("KAIDAN_TEST_PG") else {
            assert!(std::env::var("CI").as_deref() != Ok("true"), "CI must run the sync tests: set KAIDAN_TEST_PG");
            eprintln!("KAIDAN_TEST_PG is not set: the PostgreSQL tests of several counters did not run");
            return None;
        };
        let name = format!("kd{}", std::process::id())
            + &format!("{:x}", std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos());
        let mut c = postgres::Client::connect(&maintenance, postgres::NoTls).expect("KAIDAN_TEST_PG connects");
        c.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        // PgQ's extension makes the cluster's roles pgq_reader, pgq_writer and pgq_admin the
        // first time a database gets it: two tests making their servers at once on a new
        // cluster race for them (one is refused with a duplicate role). Made first, one test
        // at a time, the extension finds them. The lock is the transaction's (the statements
        // below are one): held until the roles are committed — a session lock let go before the
        // commit let the next test look before they could be seen, and CI saw the duplicate.
        c.batch_execute(
            "SELECT pg_advisory_xact_lock(74110);
             DO $$ BEGIN
                 IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pgq_reader') THEN CREATE ROLE pgq_reader; END IF;
                 IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pgq_writer') THEN CREATE ROLE pgq_writer; END IF;
                 IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pgq_admin') THEN CREATE ROLE pgq_admin IN ROLE pgq_reader, pgq_writer; END IF;
             END $$;",
        )
        .unwrap();
        let mut admin = url::Url::parse(&maintenance).unwrap();
        admin.set_path(&format!("/{name}"));
        Some(Self { maintenance, name, admin: admin.to_string() })
    }

    /// A connection as the server's owner (to look at what the server holds).
    fn owner(&self) -> postgres::Client {
        postgres::Client::connect(&self.admin, postgres::NoTls).unwrap()
    }

    fn count(&self, sql: &str) -> i64 {
        self.owner().query_one(sql, &[]).unwrap().get(0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.maintenance, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
            let roles: Vec<String> = c
                .query("SELECT rolname::text FROM pg_roles WHERE rolname LIKE $1", &[&format!("kaidan_{}_%", self.name)])
                .map(|rows| rows.iter().map(|r| r.get(0)).collect())
                .unwrap_or_default();
            for r in roles {
                let _ = c.batch_execute(&format!("DROP ROLE IF EXISTS {r}"));
            }
        }
    }
}

/// A counter: a shop file in a folder whose name has spaces and Chinese characters.
struct Counter {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

impl Counter {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("收银 机").join("kaidan.db");
        Self { _dir: dir, db }
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_kaidan"));
        c.arg("--db").arg(&self.db).args(args).arg("--json").env_remove("KAIDAN_DB").env("KAIDAN_LANG", "en");
        c
    }

    fn ok(&self, args: &[&str]) -> Value {
        let out = self.cmd(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }

    fn err(&self, args: &[&str]) -> Value {
        let out = self.cmd(args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", String::from_utf8_lossy(&out.stdout));
        serde_json::from_slice::<Value>(&out.stdout).unwrap()["error"].clone()
    }

    fn secret(&self) -> PathBuf {
        kaidan_api::server_secret_path(&self.db)
    }

    /// The server cannot be reached from this counter (its address points at a closed port)
    /// until [`Counter::online`].
    fn offline(&self) {
        let url = std::fs::read_to_string(self.secret()).unwrap();
        let mut u = url::Url::parse(&url).unwrap();
        u.set_port(Some(1)).unwrap();
        std::fs::write(self.secret().with_extension("server.real"), &url).unwrap();
        std::fs::write(self.secret(), u.to_string()).unwrap();
    }

    fn online(&self) {
        let real = self.secret().with_extension("server.real");
        std::fs::rename(&real, self.secret()).unwrap();
    }

    fn sql(&self) -> Connection {
        Connection::open(&self.db).unwrap()
    }

    /// The shop's books as this counter holds them: every row that travels, without the
    /// columns each counter keeps for itself, plus the balances and accounts it computed.
    fn books(&self) -> String {
        let c = self.sql();
        let mut out = String::new();
        for q in [
            "SELECT name, credit_limit_cents FROM customer ORDER BY id",
            "SELECT sku, name FROM product ORDER BY id",
            "SELECT number, status, total_cents, invoiced_cents, received_cents FROM sales_order ORDER BY id",
            "SELECT number, amount_cents FROM payment ORDER BY id",
            "SELECT number, total_cents FROM invoice ORDER BY id",
            "SELECT id, qty_milli, unit_cost_e4 FROM stock_move ORDER BY id",
            "SELECT product_id, on_hand_milli, reserved_milli, avg_cost_e4 FROM stock_balance ORDER BY 1, 2",
            "SELECT customer_id, invoiced_cents, paid_cents, open_cents FROM customer_account ORDER BY 1",
            "SELECT code FROM device ORDER BY id",
            "SELECT device_id, kind, year, prefix, next_value FROM number_series ORDER BY 1, 2, 3",
        ] {
            let mut st = c.prepare(q).unwrap();
            let n = st.column_count();
            let rows = st
                .query_map([], |r| {
                    Ok((0..n)
                        .map(|i| match r.get::<_, rusqlite::types::Value>(i).unwrap() {
                            rusqlite::types::Value::Text(t) => t,
                            rusqlite::types::Value::Integer(n) => n.to_string(),
                            rusqlite::types::Value::Null => "null".into(),
                            other => format!("{other:?}"),
                        })
                        .collect::<Vec<_>>()
                        .join("|"))
                })
                .unwrap();
            out.push_str(q);
            out.push('\n');
            for r in rows {
                out.push_str(&r.unwrap());
                out.push('\n');
            }
        }
        out
    }

    fn on_hand(&self, sku: &str) -> i64 {
        self.sql()
            .query_row("SELECT b.on_hand_milli FROM stock_balance b JOIN product p ON p.id = b.product_id WHERE p.sku = ?1", [sku], |r| {
                r.get(0)
            })
            .unwrap()
    }

    /// A delivered order of `qty` of `sku` for `customer`, paid `paid` in cash.
    fn sell(&self, customer: &str, sku: &str, qty: &str, paid: &str) -> String {
        let number = self.ok(&["order", "create", "--customer", customer, "--line", &format!("{sku}:{qty}"), "--confirm"])["number"]
            .as_str()
            .unwrap()
            .to_string();
        self.ok(&["order", "deliver", &number]);
        self.ok(&["pay", customer, paid, "--order", &number, "--method", "cash"]);
        number
    }
}

/// Counter A made from a shop with TEA, the server made from it, counter B joined.
fn shop_with_two_counters(server: &Server) -> (Counter, Counter) {
    let a = Counter::new();
    a.ok(&["init", "--name", "两个收银台的茶铺", "--owner", "老板"]);
    a.ok(&["product", "add", "--sku", "TEA", "--name", "龙井", "--unit", "盒", "--price", "30"]);
    let init = a.ok(&["server", "init", "--url", &server.admin, "--device", "A"]);
    assert_eq!(init["status"]["device"], "A", "{init}");
    assert_eq!(init["status"]["waiting"], 0, "the whole shop went up: {init}");
    let reg = a.ok(&["server", "add-counter", "--url", &server.admin, "--device", "b"]);
    assert_eq!(reg["device"], "B");
    let b = Counter::new();
    let joined = b.ok(&["join", "--url", reg["url"].as_str().unwrap(), "--device", "B"]);
    assert_eq!(joined["status"]["device"], "B", "{joined}");
    (a, b)
}

#[test]
fn two_counters_sell_offline_and_end_with_one_set_of_books_and_one_oversell() {
    let Some(server) = Server::new() else { return };
    let (a, b) = shop_with_two_counters(&server);
    // the server receives 5 TEA (at counter A); both counters sync
    a.ok(&["stock", "receive", "TEA", "5", "--cost", "12"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    assert_eq!((a.on_hand("TEA"), b.on_hand("TEA")), (5_000, 5_000));

    // the server goes away; each counter sells, makes a customer and takes money
    a.offline();
    b.offline();
    a.ok(&["customer", "add", "--name", "西湖茶馆"]);
    b.ok(&["customer", "add", "--name", "断桥书屋"]);
    let sold_a = a.sell("西湖茶馆", "TEA", "4", "50");
    let sold_b = b.sell("断桥书屋", "TEA", "3", "40");
    assert_eq!(sold_a, "SO-A-2026-000001".replace("2026", &sold_a[5..9]));
    assert!(sold_b.starts_with("SO-B-"), "{sold_b}");
    let failed = a.err(&["sync"]);
    assert_eq!(failed["code"], "sync_failed", "{failed}");
    let status = a.ok(&["sync", "--status"]);
    assert!(status["status"]["offline_since"].is_string() && status["status"]["waiting"].as_i64().unwrap() > 0, "{status}");
    assert_eq!((a.on_hand("TEA"), b.on_hand("TEA")), (1_000, 2_000), "each counter sold from its own shelf");

    // the server is back: both sync twice
    a.online();
    b.online();
    for _ in 0..2 {
        a.ok(&["sync"]);
        b.ok(&["sync"]);
    }
    assert_eq!((a.on_hand("TEA"), b.on_hand("TEA")), (-2_000, -2_000));
    assert_eq!(a.books(), b.books(), "one set of books");
    for c in [&a, &b] {
        let books = c.books();
        for text in [&sold_a, &sold_b, "西湖茶馆", "断桥书屋"] {
            assert!(books.contains(text), "{text} missing:\n{books}");
        }
        let check = c.ok(&["check"]);
        assert_eq!(check["ok"], true, "{check}");
        assert_eq!(c.ok(&["sync", "--status"])["status"]["waiting"], 0);
    }
    // the server holds both sales, customers and payments, TEA at -2 and one oversell
    assert_eq!(server.count("SELECT count(*) FROM kaidan.row WHERE tbl = 'payment'"), 2);
    assert_eq!(server.count("SELECT count(*) FROM kaidan.row WHERE tbl = 'customer'"), 2);
    assert_eq!(server.count("SELECT sum(on_hand_milli)::bigint FROM kaidan.stock"), -2_000);
    let issues = a.ok(&["server", "issues"]);
    let oversells: Vec<&Value> = issues["issues"].as_array().unwrap().iter().filter(|i| i["kind"] == "oversell").collect();
    assert_eq!(oversells.len(), 1, "{issues}");
    assert_eq!(oversells[0]["device"], "B", "B's sale came second");
    assert_eq!(oversells[0]["detail"]["balance_milli"], "-2000");
    let check = a.ok(&["server", "check"]);
    assert_eq!(check["ok"], true, "{check}");

    // a further sync changes nothing
    let (before_a, before_b) = (a.books(), b.books());
    let again = a.ok(&["sync"]);
    assert_eq!((again["sent"].as_i64(), again["received"].as_i64()), (Some(0), Some(0)), "{again}");
    b.ok(&["sync"]);
    assert_eq!((a.books(), b.books()), (before_a, before_b));
}

/// `kaidan sync` started with the fault tests' hook (`KAIDAN_SYNC_TEST_PAUSE`, debug builds
/// only): returned once the sync says it waits at `point`, its stdin the way to let it go on.
fn sync_paused_at(c: &Counter, point: &str) -> std::process::Child {
    use std::io::BufRead;
    let mut child = c
        .cmd(&["sync"])
        .env("KAIDAN_SYNC_TEST_PAUSE", point)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    loop {
        line.clear();
        assert!(err.read_line(&mut line).unwrap() > 0, "the sync ended before {point}");
        if line.trim() == format!("paused at {point}") {
            break;
        }
    }
    child
}

#[test]
fn a_counter_killed_after_the_server_committed_sends_again_and_it_is_applied_once() {
    let Some(server) = Server::new() else { return };
    let (a, b) = shop_with_two_counters(&server);
    a.ok(&["stock", "receive", "TEA", "10", "--cost", "12"]);
    a.ok(&["customer", "add", "--name", "西湖茶馆"]);
    a.sell("西湖茶馆", "TEA", "2", "60");
    let waiting = a.ok(&["sync", "--status"])["status"]["waiting"].as_i64().unwrap();
    assert!(waiting > 0);
    // kill -9 of the counter after the server committed its batch, before it recorded that
    let mut sync = sync_paused_at(&a, "after-commit");
    let held = server.count("SELECT count(*) FROM kaidan.change");
    sync.kill().unwrap();
    assert!(!sync.wait().unwrap().success());
    assert_eq!(
        a.ok(&["sync", "--status"])["status"]["waiting"].as_i64(),
        Some(waiting),
        "the counter never recorded the batch the server holds"
    );
    let again = a.ok(&["sync"]);
    assert_eq!(again["status"]["waiting"], 0, "{again}");
    assert_eq!(server.count("SELECT count(*) FROM kaidan.change"), held, "the batch sent again was recognised, not applied twice");
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    assert_eq!((a.on_hand("TEA"), b.on_hand("TEA")), (8_000, 8_000));
    assert_eq!(a.books(), b.books());
    assert_eq!(a.ok(&["check"])["ok"], true);
    assert_eq!(a.ok(&["server", "check"])["ok"], true);
}

#[test]
fn postgresql_stopping_mid_batch_leaves_nothing_half_applied_and_the_counter_catches_up() {
    let Some(server) = Server::new() else { return };
    let (a, b) = shop_with_two_counters(&server);
    a.ok(&["stock", "receive", "TEA", "10", "--cost", "12"]);
    a.ok(&["customer", "add", "--name", "西湖茶馆"]);
    let first = a.sell("西湖茶馆", "TEA", "2", "60");
    let waiting = a.ok(&["sync", "--status"])["status"]["waiting"].as_i64().unwrap();
    let held = server.count("SELECT count(*) FROM kaidan.change");
    let rows = server.count("SELECT count(*) FROM kaidan.row");
    let last_seq = server.count("SELECT last_seq FROM kaidan.device WHERE code = 'A'");
    // the server applied the batch in its transaction and has not committed it; then the
    // counter's session ends as a stopping PostgreSQL ends it (the same SIGTERM to its backend)
    let mut sync = sync_paused_at(&a, "before-commit");
    let role = format!("kaidan_{}_a", server.name);
    let ended =
        server.count(&format!("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{role}') t"));
    assert_eq!(ended, 1, "the counter's session");
    {
        use std::io::Write;
        writeln!(sync.stdin.take().unwrap()).unwrap();
    }
    let out = sync.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stdout));
    let said: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(said["error"]["code"], "sync_failed", "{said}");
    // nothing half-applied on either side
    assert_eq!(server.count("SELECT count(*) FROM kaidan.change"), held);
    assert_eq!(server.count("SELECT count(*) FROM kaidan.row"), rows);
    assert_eq!(server.count("SELECT last_seq FROM kaidan.device WHERE code = 'A'"), last_seq, "A's place in its numbering");
    assert_eq!(a.ok(&["sync", "--status"])["status"]["waiting"].as_i64(), Some(waiting), "the batch waits in the outbox");
    // the counter keeps selling and catches up
    let second = a.sell("西湖茶馆", "TEA", "1", "30");
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    assert_eq!((a.on_hand("TEA"), b.on_hand("TEA")), (7_000, 7_000));
    let books = b.books();
    assert!(books.contains(&first) && books.contains(&second), "{books}");
    assert_eq!(a.books(), books);
    assert_eq!(a.ok(&["check"])["ok"], true);
    assert_eq!(b.ok(&["check"])["ok"], true);
    assert_eq!(a.ok(&["server", "check"])["ok"], true);
}

#[test]
fn a_counter_offline_for_a_week_with_1000_orders_catches_up() {
    let Some(server) = Server::new() else { return };
    let (a, b) = shop_with_two_counters(&server);
    a.ok(&["stock", "receive", "TEA", "2000", "--cost", "12"]);
    a.ok(&["customer", "add", "--name", "西湖茶馆"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    // B is cut off for a week and takes 1,000 orders (through the API: a thousand processes
    // would be the test's whole time), one every ten minutes; A sells and syncs meanwhile
    b.offline();
    let week_ago = chrono::Utc::now() - chrono::Duration::days(8);
    {
        let mut shop = kaidan_api::Shop::open(&b.db).unwrap();
        for i in 0..1_000 {
            let ctx = kaidan_api::Ctx::owner_at(week_ago + chrono::Duration::minutes(10 * i));
            let order = kaidan_api::OrderInput {
                customer: "西湖茶馆".into(),
                lines: vec![kaidan_api::LineInput { sku: "TEA".into(), qty: "1".into(), unit_price: None, discount: None }],
                channel: Some("counter".into()),
                ..Default::default()
            };
            shop.create_and_confirm(&ctx, &order, true).unwrap();
        }
    }
    assert_eq!(b.err(&["sync"])["code"], "sync_failed");
    let sold_a = a.sell("西湖茶馆", "TEA", "3", "90");
    a.ok(&["sync"]);
    let waiting = b.ok(&["sync", "--status"])["status"]["waiting"].as_i64().unwrap();
    // an order made and delivered in one go is 7 changes (order, line, delivery, its line, the
    // movement, two number series)
    assert!(waiting >= 7_000, "{waiting} changes wait on B");

    b.online();
    let caught_up = b.ok(&["sync"]);
    assert_eq!(caught_up["sent"].as_i64(), Some(waiting), "{caught_up}");
    assert_eq!(caught_up["status"]["waiting"], 0);
    a.ok(&["sync"]);
    assert_eq!((a.on_hand("TEA"), b.on_hand("TEA")), (997_000, 997_000));
    assert_eq!(a.books(), b.books());
    assert!(b.books().contains(&sold_a));
    let last = b.sql().query_row("SELECT max(number) FROM sales_order WHERE number LIKE 'SO-B-%'", [], |r| r.get::<_, String>(0)).unwrap();
    assert!(last.ends_with("-001000"), "{last}");
    assert_eq!(server.count("SELECT count(*) FROM kaidan.row WHERE tbl = 'sales_order'"), 1_001, "B's thousand and A's one on the server");
    for c in [&a, &b] {
        assert_eq!(c.ok(&["check"])["ok"], true);
    }
    assert_eq!(a.ok(&["server", "check"])["ok"], true);
}

#[test]
fn two_counters_edit_one_credit_limit_offline_and_the_server_keeps_the_first() {
    let Some(server) = Server::new() else { return };
    let (a, b) = shop_with_two_counters(&server);
    a.ok(&["customer", "add", "--name", "西湖茶馆", "--credit-limit", "1000", "--phone", "13800000001"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    a.ok(&["customer", "edit", "西湖茶馆", "--credit-limit", "2000"]);
    b.ok(&["customer", "edit", "西湖茶馆", "--credit-limit", "5000", "--region", "杭州"]);
    a.ok(&["sync"]);
    let second = b.ok(&["sync"]);
    assert_eq!(second["noticed"][0]["kind"], "stale_edit", "{second}");
    a.ok(&["sync"]);
    for c in [&a, &b] {
        let (limit, region): (Option<i64>, Option<String>) = c
            .sql()
            .query_row("SELECT credit_limit_cents, region FROM customer WHERE name = '西湖茶馆'", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap();
        assert_eq!(limit, Some(200_000), "the first edit received is kept everywhere");
        assert_eq!(region, None, "B's edit was one change: kept out whole, listed");
    }
    let issues = a.ok(&["server", "issues"]);
    let stale = &issues["issues"][0];
    assert_eq!(stale["kind"], "stale_edit", "{issues}");
    assert_eq!(stale["device"], "B");
    assert_eq!(stale["detail"]["wanted"]["credit_limit_cents"], "500000", "what B wanted is not lost: {stale}");
    assert_eq!(a.books(), b.books());
}

#[test]
fn the_server_refuses_a_posted_invoice_edited_behind_the_apps_back_and_a_gap() {
    let Some(server) = Server::new() else { return };
    let (a, b) = shop_with_two_counters(&server);
    a.ok(&["stock", "receive", "TEA", "10", "--cost", "12"]);
    a.ok(&["customer", "add", "--name", "西湖茶馆"]);
    let order = a.sell("西湖茶馆", "TEA", "2", "60");
    let invoice = a.ok(&["invoice", "issue", &order]);
    a.ok(&["sync"]);
    // behind the app's back: the immutability trigger dropped, the total changed, the change
    // captured as any other
    {
        let c = a.sql();
        c.execute_batch("DROP TRIGGER invoice_no_update; UPDATE invoice SET total_cents = 1 WHERE kind = 'invoice';").unwrap();
    }
    let sent = a.ok(&["sync"]);
    assert_eq!(sent["noticed"][0]["kind"], "posted_edited", "{sent}");
    b.ok(&["sync"]);
    let total: i64 = b
        .sql()
        .query_row("SELECT total_cents FROM invoice WHERE number = ?1", [invoice["number"].as_str().unwrap()], |r| r.get(0))
        .unwrap();
    assert_eq!(total, 6_000, "the other counter never saw the edit");
    assert_eq!(server.count("SELECT (data->>'total_cents')::bigint FROM kaidan.row WHERE tbl = 'invoice'"), 6_000);

    // a change missing from a counter's sequence: the whole batch is refused, nothing applied
    let before = server.count("SELECT count(*) FROM kaidan.change");
    a.ok(&["customer", "add", "--name", "断桥书屋"]);
    a.sql().execute("UPDATE sync_outbox SET seq = seq + 5", []).unwrap();
    let refused = a.err(&["sync"]);
    assert_eq!(refused["code"], "sync_failed");
    assert!(refused["message"].as_str().unwrap().contains("missing"), "{refused}");
    assert_eq!(server.count("SELECT count(*) FROM kaidan.change"), before, "nothing of the batch applied");
    assert!(a.ok(&["sync", "--status"])["status"]["last_error"].is_string());
}

#[test]
fn a_counter_may_only_call_the_entry_points_and_its_password_is_not_in_the_shop_file() {
    let Some(server) = Server::new() else { return };
    let (a, _b) = shop_with_two_counters(&server);
    let url = std::fs::read_to_string(a.secret()).unwrap();
    let password = url::Url::parse(&url).unwrap().password().unwrap().to_string();
    assert!(password.len() >= 24);
    let file = std::fs::read(&a.db).unwrap();
    assert!(!file.windows(password.len()).any(|w| w == password.as_bytes()), "the password is in the shop's file");
    let stored: String = a.sql().query_row("SELECT server FROM sync_config", [], |r| r.get(0)).unwrap();
    assert!(!stored.contains(&password), "{stored}");

    let mut counter = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    for sql in [
        "UPDATE kaidan.row SET data = '{}'",
        "INSERT INTO kaidan.stock (product_id, location_id, on_hand_milli) VALUES ('x', 'y', 1)",
        "DELETE FROM kaidan.change",
        "UPDATE kaidan.device SET last_seq = 0",
        "SELECT pgq.insert_event('kaidan_changes', 'change', '{}')",
        "CREATE TABLE kaidan.mine (x int)",
    ] {
        let e = counter.batch_execute(sql).expect_err(sql);
        assert_eq!(e.code(), Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE), "{sql}: {e}");
    }
    // the entry points answer
    let issues: Value = counter.query_one("SELECT kaidan.issues()", &[]).unwrap().get(0);
    assert!(issues.is_array());
}

/// A counter that is not registered is refused by name.
#[test]
fn an_unregistered_role_is_refused() {
    let Some(server) = Server::new() else { return };
    let (a, _b) = shop_with_two_counters(&server);
    // a second counter B is refused by its code, before any role is made
    let taken = a.err(&["server", "add-counter", "--url", &server.admin, "--device", "B"]);
    assert_eq!(taken["code"], "duplicate", "{taken}");
    assert_eq!(server.count("SELECT count(*) FROM kaidan.device"), 2);
    let mut owner = server.owner();
    owner.batch_execute(&format!("CREATE ROLE kaidan_{}_stranger LOGIN PASSWORD 'x'; GRANT USAGE ON SCHEMA kaidan TO kaidan_{0}_stranger; GRANT EXECUTE ON FUNCTION kaidan.pull() TO kaidan_{0}_stranger", server.name)).unwrap();
    let mut u = url::Url::parse(&server.admin).unwrap();
    u.set_username(&format!("kaidan_{}_stranger", server.name)).unwrap();
    u.set_password(Some("x")).unwrap();
    let mut stranger = postgres::Client::connect(u.as_str(), postgres::NoTls).unwrap();
    let e = stranger.query_one("SELECT kaidan.pull()", &[]).expect_err("refused");
    assert!(e.as_db_error().unwrap().message().contains("not a registered counter"), "{e}");
}

/// A counter's file put back to an older copy numbers its next changes again: the server
/// finds a different change under a number it holds and refuses the batch by name, instead of
/// taking it for one it has (and dropping it).
#[test]
fn a_counter_put_back_to_an_older_file_is_refused_not_dropped() {
    let Some(server) = Server::new() else { return };
    let (a, _b) = shop_with_two_counters(&server);
    a.ok(&["sync"]);
    let copy = a.db.with_extension("older");
    a.sql().execute("VACUUM INTO ?1", [copy.to_str().unwrap()]).unwrap();
    a.ok(&["customer", "add", "--name", "西湖茶馆"]);
    a.ok(&["sync"]);
    let held = server.count("SELECT count(*) FROM kaidan.change");
    for ext in ["db-wal", "db-shm"] {
        let _ = std::fs::remove_file(a.db.with_extension(ext));
    }
    std::fs::copy(&copy, &a.db).unwrap();
    a.ok(&["customer", "add", "--name", "断桥书屋"]);
    let refused = a.err(&["sync"]);
    assert_eq!(refused["code"], "sync_failed");
    assert!(refused["message"].as_str().unwrap().contains("restored from a backup"), "{refused}");
    assert_eq!(server.count("SELECT count(*) FROM kaidan.change"), held);
    assert_eq!(server.count("SELECT count(*) FROM kaidan.row WHERE tbl = 'customer' AND data->>'name' = '断桥书屋'"), 0);
}

/// Two counters make a customer of the same name offline and sell to it: both customers stand,
/// the later with its counter's code after the name, every order with its own customer, and
/// the owner is told.
#[test]
fn two_customers_of_one_name_made_offline_both_stand() {
    let Some(server) = Server::new() else { return };
    let (a, b) = shop_with_two_counters(&server);
    a.ok(&["stock", "receive", "TEA", "10", "--cost", "12"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    a.ok(&["customer", "add", "--name", "西湖茶馆", "--phone", "13800000001"]);
    b.ok(&["customer", "add", "--name", "西湖茶馆", "--phone", "13900000002"]);
    let sold_a = a.sell("西湖茶馆", "TEA", "1", "30");
    let sold_b = b.sell("西湖茶馆", "TEA", "2", "60");
    a.ok(&["sync"]);
    let second = b.ok(&["sync"]);
    assert!(second["noticed"].as_array().unwrap().iter().any(|n| n["kind"] == "duplicate_name"), "{second}");
    a.ok(&["sync"]);
    for c in [&a, &b] {
        let of = |order: &str| -> (String, String) {
            c.sql()
                .query_row(
                    "SELECT c.name, c.phones FROM sales_order o JOIN customer c ON c.id = o.customer_id WHERE o.number = ?1",
                    [order],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap()
        };
        assert_eq!(of(&sold_a), ("西湖茶馆".to_string(), "13800000001".to_string()));
        assert_eq!(of(&sold_b), ("西湖茶馆-B".to_string(), "13900000002".to_string()));
        assert_eq!(c.ok(&["check"])["ok"], true);
    }
    assert_eq!(a.books(), b.books());
    let issues = a.ok(&["server", "issues"]);
    assert!(
        issues["issues"].as_array().unwrap().iter().any(|i| i["kind"] == "duplicate_name" && i["detail"]["kept_as"] == "西湖茶馆-B"),
        "{issues}"
    );
}

/// The same sheet imported on two counters while they were apart: both imports stand on the
/// server and on both counters (they happened: the orders are in the books twice), nothing
/// stops either counter's download, the owner is told which sheet to undo, and a third import of
/// it is refused on either counter.
#[test]
fn one_sheet_imported_on_two_counters_offline_both_stand_and_the_owner_is_told() {
    let Some(server) = Server::new() else { return };
    let (a, b) = shop_with_two_counters(&server);
    let sheet = a._dir.path().join("旧 订单 2025.csv");
    std::fs::write(&sheet, "日期,客户,商品名称,数量,单价\r\n2025-03-04,城东装修队,螺丝刀,10,15\r\n2025-03-05,西湖茶馆,卷尺,2,9\r\n")
        .unwrap();
    let path = sheet.to_str().unwrap();
    a.offline();
    b.offline();
    let first = a.ok(&["import", path]);
    let second = b.ok(&["import", path]);
    a.online();
    b.online();
    a.ok(&["sync"]);
    let noticed = b.ok(&["sync"]);
    assert!(noticed["noticed"].as_array().unwrap().iter().any(|n| n["kind"] == "duplicate_import"), "{noticed}");
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    for c in [&a, &b] {
        let batches: Vec<String> = c
            .sql()
            .prepare("SELECT id FROM import_batch WHERE status = 'imported' ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut want = vec![first["batch"].as_str().unwrap().to_string(), second["batch"].as_str().unwrap().to_string()];
        want.sort();
        assert_eq!(batches, want, "both imports on every counter");
        let orders: i64 = c.sql().query_row("SELECT COUNT(*) FROM sales_order", [], |r| r.get(0)).unwrap();
        assert_eq!(orders, 4);
        assert_eq!(c.ok(&["check"])["ok"], true);
        assert_eq!(c.err(&["import", path])["code"], "invalid", "a third import of it is refused");
        assert_eq!(c.ok(&["sync", "--status"])["status"]["waiting"], 0);
    }
    assert_eq!(a.books(), b.books());
    assert_eq!(a.ok(&["server", "check"])["ok"], true);
    let issues = a.ok(&["server", "issues"]);
    assert!(
        issues["issues"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["kind"] == "duplicate_import" && i["detail"]["file_name"] == "旧 订单 2025.csv"),
        "{issues}"
    );
}

/// One step of the shop's day on one counter, or a sync.
#[derive(Debug, Clone)]
enum Step {
    Receive { at: usize, qty: u8 },
    NewCustomer { at: usize, k: u8 },
    Sell { at: usize, k: u8, qty: u8 },
    Pay { at: usize, k: u8, yuan: u8 },
    CreditLimit { at: usize, k: u8, yuan: u16 },
    Sync { at: usize },
}

fn step() -> impl proptest::strategy::Strategy<Value = Step> {
    use proptest::prelude::*;
    prop_oneof![
        (0..3usize, 1..20u8).prop_map(|(at, qty)| Step::Receive { at, qty }),
        (0..3usize, 0..3u8).prop_map(|(at, k)| Step::NewCustomer { at, k }),
        (0..3usize, 0..3u8, 1..6u8).prop_map(|(at, k, qty)| Step::Sell { at, k, qty }),
        (0..3usize, 0..3u8, 1..200u8).prop_map(|(at, k, yuan)| Step::Pay { at, k, yuan }),
        (0..3usize, 0..3u8, 1..5000u16).prop_map(|(at, k, yuan)| Step::CreditLimit { at, k, yuan }),
        (0..3usize).prop_map(|at| Step::Sync { at }),
    ]
}

proptest::proptest! {
    // 6 cases in the test command (each makes a server database); KAIDAN_SYNC_CASES=200 for a longer hunt
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: std::env::var("KAIDAN_SYNC_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(6),
        failure_persistence: None,
        ..Default::default()
    })]

    /// Random work on two or three counters with random sync points: once every counter has
    /// synced twice, every counter holds the same books (balances = Σ ledger, the same
    /// accounts, no change lost or doubled), the server's check passes and nothing waits.
    #[test]
    fn counters_converge_whatever_the_order_of_work_and_syncs(counters in 2usize..=3, steps in proptest::collection::vec(step(), 8..28)) {
        let Some(server) = Server::new() else { return Ok(()) };
        let dir = tempfile::tempdir().unwrap();
        let start = chrono::Utc::now();
        let mut clock = 0i64;
        let mut ctx = || {
            clock += 1;
            kaidan_api::Ctx::owner_at(start + chrono::Duration::milliseconds(clock))
        };
        let paths: Vec<PathBuf> = (0..counters).map(|i| dir.path().join(format!("收银 {i}")).join("kaidan.db")).collect();
        let mut shops: Vec<kaidan_api::Shop> = Vec::new();
        let mut first = kaidan_api::Shop::open(&paths[0]).unwrap();
        first.init(&ctx(), "乱序茶铺", "老板").unwrap();
        first.add_product(&ctx(), &kaidan_api::ProductInput { sku: Some("TEA".into()), name: Some("龙井".into()), unit: Some("盒".into()), price: Some("30".into()), ..Default::default() }).unwrap();
        first.server_init(&ctx(), &server.admin, "A").unwrap();
        shops.push(first);
        for (i, code) in ["B", "C"].iter().enumerate().take(counters - 1) {
            let reg = shops[0].server_add_counter(&ctx(), &server.admin, code).unwrap();
            shops.push(kaidan_api::join_shop(&paths[i + 1], &reg.url, Some(code), start).unwrap());
        }
        for s in &steps {
            // a step a counter refuses (no such customer yet, not enough on its shelf) is
            // refused there and changes nothing, as at a real counter
            let _ = match s.clone() {
                Step::Receive { at, qty } => shops[at % counters].receive_stock(&ctx(), "TEA", &qty.to_string(), Some("12"), None).map(|_| ()),
                Step::NewCustomer { at, k } => shops[at % counters]
                    .add_customer(&ctx(), &kaidan_api::CustomerInput { name: Some(format!("客户{k}")), ..Default::default() })
                    .map(|_| ()),
                Step::Sell { at, k, qty } => {
                    let input = kaidan_api::OrderInput {
                        customer: format!("客户{k}"),
                        lines: vec![kaidan_api::LineInput { sku: "TEA".into(), qty: qty.to_string(), unit_price: None, discount: None }],
                        ..Default::default()
                    };
                    shops[at % counters].create_and_confirm(&ctx(), &input, true).map(|_| ())
                }
                Step::Pay { at, k, yuan } => shops[at % counters]
                    .pay(&ctx(), &kaidan_api::PayInput { customer: format!("客户{k}"), amount: yuan.to_string(), method: "cash".into(), ..Default::default() })
                    .map(|_| ()),
                Step::CreditLimit { at, k, yuan } => shops[at % counters]
                    .update_customer(&ctx(), &format!("客户{k}"), &kaidan_api::CustomerInput { credit_limit: Some(yuan.to_string()), ..Default::default() })
                    .map(|_| ()),
                Step::Sync { at } => shops[at % counters].sync_now(&ctx()).map(|_| ()),
            };
        }
        for _ in 0..2 {
            for shop in shops.iter_mut() {
                shop.sync_now(&ctx()).unwrap();
            }
        }
        let books: Vec<String> = paths.iter().map(|p| Counter { _dir: tempfile::tempdir().unwrap(), db: p.clone() }.books()).collect();
        for (i, b) in books.iter().enumerate().skip(1) {
            proptest::prop_assert_eq!(&books[0], b, "counter {} differs after {:?}", i, steps);
        }
        for shop in &shops {
            let report = shop.check(false).unwrap();
            proptest::prop_assert!(report.is_ok(true), "{:?}", report);
            proptest::prop_assert_eq!(shop.sync_status().unwrap().unwrap().waiting, 0);
        }
        let problems = kaidan_api::Shop::server_check(&mut shops[0]).unwrap();
        proptest::prop_assert!(problems.is_empty(), "{:?}", problems);
        // every change the counters made is on the server once
        let received: i64 = server.count("SELECT count(*) FROM kaidan.change WHERE device_id <> 'server'");
        let numbered: i64 = server.count("SELECT sum(last_seq)::bigint FROM kaidan.device");
        proptest::prop_assert_eq!(received, numbered);
    }
}
