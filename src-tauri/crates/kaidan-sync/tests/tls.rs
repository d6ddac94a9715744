//! The counter's link to the shop's server is encrypted, and checked as its address asks
//! (`src/tls.rs`), against the real PostgreSQL of `KAIDAN_TEST_PG` with TLS on (Debian's
//! PostgreSQL turns it on with the machine's self-made "snakeoil" certificate; `.ci/run`
//! installs it so). Without `KAIDAN_TEST_PG` these tests say so and pass, except under CI.

use kaidan_core::error::Distrust;
use kaidan_core::Problem;

/// The test server's address and the certificate file it serves, when TLS is on and the file
/// is on this machine.
fn server() -> Option<(String, Option<std::path::PathBuf>)> {
    let Ok(url) = std::env::var("KAIDAN_TEST_PG") else {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "CI must run the TLS tests: set KAIDAN_TEST_PG");
        eprintln!("KAIDAN_TEST_PG is not set: the TLS tests did not run");
        return None;
    };
    let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("KAIDAN_TEST_PG connects");
    let ssl: String = c.query_one("SHOW ssl", &[]).unwrap().get(0);
    if ssl != "on" {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "CI's PostgreSQL must have TLS on");
        eprintln!("the test server has TLS off: the TLS tests did not run");
        return None;
    }
    let file: String = c.query_one("SHOW ssl_cert_file", &[]).unwrap().get(0);
    let file = std::path::PathBuf::from(file);
    Some((url, std::fs::read(&file).is_ok().then_some(file)))
}

fn with(url: &str, query: &str) -> String {
    let mut u = url::Url::parse(url).unwrap();
    u.set_query(Some(query));
    u.to_string()
}

fn escaped(p: &std::path::Path) -> String {
    url::form_urlencoded::byte_serialize(p.to_str().unwrap().as_bytes()).collect()
}

#[test]
fn an_ordinary_address_is_encrypted_and_sslmode_disable_is_not() {
    let Some((url, _)) = server() else { return };
    assert!(kaidan_sync::encrypted(&url).unwrap(), "the default (prefer) takes the TLS the server offers");
    assert!(kaidan_sync::encrypted(&with(&url, "sslmode=require")).unwrap());
    assert!(!kaidan_sync::encrypted(&with(&url, "sslmode=disable")).unwrap(), "the probe can tell");
}

#[test]
fn verify_ca_trusts_the_servers_certificate_given_as_the_authority() {
    let Some((url, Some(cert))) = server() else { return };
    // the file copied to a folder with a space and Chinese characters, as on a shop's PC
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("店里 证书").join("server.crt");
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    std::fs::copy(&cert, &copy).unwrap();
    let good = with(&url, &format!("sslmode=verify-ca&sslrootcert={}", escaped(&copy)));
    assert!(kaidan_sync::encrypted(&good).unwrap());
}

#[test]
fn a_certificate_not_made_out_to_the_host_or_by_an_unknown_authority_is_refused_by_name() {
    let Some((url, cert)) = server() else { return };
    // the snakeoil certificate names the machine, not the address 127.0.0.1
    if let Some(cert) = cert {
        let full = with(&url, &format!("sslmode=verify-full&sslrootcert={}", escaped(&cert)));
        let e = kaidan_sync::encrypted(&full).unwrap_err();
        assert!(matches!(&e.problem, Problem::ServerNotTrusted { why: Distrust::WrongHost, .. }), "{e:?}");
        let zh = e.message(kaidan_core::Lang::ZhCn);
        assert!(zh.contains("证书没有通过检查：证书上写的不是服务器地址里的主机名"), "{zh}");
    }
    // with no file, the system's authorities: the address names no host the certificate is
    // made out to, whoever signed it
    let e = kaidan_sync::encrypted(&with(&url, "sslmode=verify-full")).unwrap_err();
    assert!(matches!(&e.problem, Problem::ServerNotTrusted { .. }), "{e:?}");
    // authorities that did not sign the server's certificate (the public ones)
    let public = std::path::Path::new("/etc/ssl/certs/ca-certificates.crt");
    if public.exists() {
        let e = kaidan_sync::encrypted(&with(&url, &format!("sslmode=verify-ca&sslrootcert={}", escaped(public)))).unwrap_err();
        assert!(matches!(&e.problem, Problem::ServerNotTrusted { why: Distrust::UnknownAuthority, .. }), "{e:?}");
        let en = e.message(kaidan_core::Lang::En);
        assert!(en.contains("it is not signed by an authority this counter trusts"), "{en}");
    }
}
