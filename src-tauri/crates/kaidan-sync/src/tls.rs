//! TLS to the shop's server, read from its address the way PostgreSQL's own client (libpq)
//! reads it, so that an address the shop's IT person writes means what they expect:
//!
//! | `sslmode=`              | encrypted                       | the server's certificate checked |
//! |-------------------------|---------------------------------|----------------------------------|
//! | `disable`               | no                              | —                                |
//! | `prefer` (the default)  | when the server offers it       | no                               |
//! | `require`               | yes, or no connection           | no                               |
//! | `verify-ca`             | yes                             | signed by a trusted authority    |
//! | `verify-full`           | yes                             | that, and made out to the host   |
//!
//! The trusted authorities are the certificates in the file `sslrootcert=` names (a shop's
//! own authority, or the server's self-made certificate), else the operating system's own
//! (Windows' and macOS' certificate stores, through `rustls-platform-verifier`). PostgreSQL's
//! Debian, Windows and macOS packages turn TLS on by default, so a counter's link is
//! encrypted on an ordinary LAN without anyone asking for it.
//!
//! The TLS is rustls with ring (already in the build for the updater), joined to the
//! PostgreSQL client by `tokio-postgres-rustls`.

use std::path::PathBuf;
use std::sync::Arc;

use kaidan_core::error::Distrust;
use kaidan_core::{Error, Problem};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, SignatureScheme};
use tokio_postgres_rustls::MakeRustlsConnect;

/// What is checked of the server's certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// Nothing: the link is encrypted against listening, not against a server that pretends
    /// (libpq's `prefer` and `require`).
    Nothing,
    /// Signed by a trusted authority (`verify-ca`).
    Authority,
    /// That, and made out to the host the address names (`verify-full`).
    Full,
}

/// An address read: what the PostgreSQL client is given, and how the TLS is to be checked.
#[derive(Debug, Clone)]
pub struct Address {
    /// The address as the PostgreSQL client reads it (`verify-*` as `require`, without
    /// `sslrootcert`, which it does not know).
    pub client_url: String,
    pub check: Check,
    /// The file of trusted authorities (`sslrootcert=`), else the system's.
    pub root: Option<PathBuf>,
}

/// Reads `sslmode` and `sslrootcert` out of a `postgres://` address.
pub fn read(url: &str) -> Result<Address, Error> {
    let mut parsed = url::Url::parse(url).map_err(|e| Error::new(Problem::ServerUnreachable { detail: format!("{e}: {url}") }))?;
    let mut check = Check::Nothing;
    let mut root = None;
    let mut kept = Vec::new();
    for (k, v) in parsed.query_pairs() {
        match (k.as_ref(), v.as_ref()) {
            ("sslrootcert", file) => root = Some(PathBuf::from(file)),
            ("sslmode", "verify-ca") => {
                check = Check::Authority;
                kept.push(("sslmode".to_string(), "require".to_string()));
            }
            ("sslmode", "verify-full") => {
                check = Check::Full;
                kept.push(("sslmode".to_string(), "require".to_string()));
            }
            _ => kept.push((k.into_owned(), v.into_owned())),
        }
    }
    if kept.is_empty() {
        parsed.set_query(None);
    } else {
        parsed.query_pairs_mut().clear().extend_pairs(kept);
    }
    Ok(Address { client_url: parsed.to_string(), check, root })
}

/// ring: rustls 0.23.48 deprecates its provider for lacking post-quantum key exchange, which
/// only aws-lc-rs has; that one needs CMake (and NASM on Windows) to build, and PostgreSQL
/// servers do not offer it yet.
#[allow(deprecated)]
fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

fn not_trusted(why: Distrust, detail: impl std::fmt::Display) -> Error {
    Error::new(Problem::ServerNotTrusted { why, detail: detail.to_string() })
}

/// The TLS connector for `address`.
pub fn connector(address: &Address) -> Result<MakeRustlsConnect, Error> {
    let provider = provider();
    let verifier: Arc<dyn ServerCertVerifier> = match (address.check, &address.root) {
        (Check::Nothing, _) => Arc::new(EncryptOnly(provider.clone())),
        (check, Some(file)) => {
            let mut roots = rustls::RootCertStore::empty();
            let certs = CertificateDer::pem_file_iter(file)
                .and_then(|it| it.collect::<Result<Vec<_>, _>>())
                .map_err(|e| not_trusted(Distrust::AuthorityFile, format!("{}: {e}", file.display())))?;
            let (added, _) = roots.add_parsable_certificates(certs);
            if added == 0 {
                return Err(not_trusted(Distrust::AuthorityFile, format!("{}: no certificate in it", file.display())));
            }
            let inner = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
                .build()
                .map_err(|e| not_trusted(Distrust::Other, e))?;
            name_checked(check, inner)
        }
        (check, None) => {
            let inner = Arc::new(rustls_platform_verifier::Verifier::new(provider.clone()).map_err(|e| not_trusted(Distrust::Other, e))?);
            name_checked(check, inner)
        }
    };
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| not_trusted(Distrust::Other, e))?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}

fn name_checked(check: Check, inner: Arc<dyn ServerCertVerifier>) -> Arc<dyn ServerCertVerifier> {
    match check {
        Check::Authority => Arc::new(AnyName(inner)),
        _ => inner,
    }
}

/// The certificate's failed check a failed connection carries, if that is why it failed.
pub fn certificate_error(e: &(dyn std::error::Error + 'static)) -> Option<Error> {
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = next {
        if let Some(rustls::Error::InvalidCertificate(c)) = err.downcast_ref::<rustls::Error>() {
            let why = match c {
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => Distrust::WrongHost,
                CertificateError::UnknownIssuer | CertificateError::BadSignature => Distrust::UnknownAuthority,
                CertificateError::Expired
                | CertificateError::ExpiredContext { .. }
                | CertificateError::NotValidYet
                | CertificateError::NotValidYetContext { .. } => Distrust::OutOfDate,
                _ => Distrust::Other,
            };
            return Some(not_trusted(why, c));
        }
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            if let Some(inner) = io.get_ref() {
                if let Some(found) = certificate_error(inner) {
                    return Some(found);
                }
            }
        }
        next = err.source();
    }
    None
}

/// libpq's `prefer` and `require`: any certificate, its handshake signatures still checked.
#[derive(Debug)]
struct EncryptOnly(Arc<CryptoProvider>);

impl ServerCertVerifier for EncryptOnly {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// libpq's `verify-ca`: the authority checked, the host name not.
#[derive(Debug)]
struct AnyName(Arc<dyn ServerCertVerifier>);

impl ServerCertVerifier for AnyName {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self.0.verify_server_cert(end_entity, intermediates, server_name, ocsp, now) {
            Err(rustls::Error::InvalidCertificate(CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. })) => {
                Ok(ServerCertVerified::assertion())
            }
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_read_as_libpq_reads_it() {
        let a = read("postgres://u:p@db.shop.lan:5433/kaidan").unwrap();
        assert_eq!((a.check, a.root.is_none()), (Check::Nothing, true));
        assert_eq!(a.client_url, "postgres://u:p@db.shop.lan:5433/kaidan");

        let a =
            read("postgres://u:p@db.shop.lan/kaidan?sslmode=verify-full&sslrootcert=C%3A%5C%E5%BA%97%20ca%5Croot.crt&connect_timeout=3")
                .unwrap();
        assert_eq!(a.check, Check::Full);
        assert_eq!(a.root, Some(PathBuf::from("C:\\店 ca\\root.crt")), "a Windows path with a space and Chinese");
        assert_eq!(a.client_url, "postgres://u:p@db.shop.lan/kaidan?sslmode=require&connect_timeout=3");
        let parsed: postgres::Config = a.client_url.parse().expect("the PostgreSQL client reads what is left");
        assert_eq!(parsed.get_ssl_mode(), postgres::config::SslMode::Require);

        assert_eq!(read("postgres://h/k?sslmode=verify-ca").unwrap().check, Check::Authority);
        assert_eq!(read("postgres://h/k?sslmode=require").unwrap().check, Check::Nothing);
        assert_eq!(read("postgres://h/k?sslmode=disable").unwrap().client_url, "postgres://h/k?sslmode=disable");
    }

    #[test]
    fn a_missing_or_empty_authority_file_is_said_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("没有 这个.crt");
        let a = read(&format!("postgres://h/k?sslmode=verify-full&sslrootcert={}", url_escape(&missing))).unwrap();
        let e = connector(&a).err().expect("refused");
        assert!(
            matches!(&e.problem, Problem::ServerNotTrusted { why: Distrust::AuthorityFile, detail } if detail.contains("没有 这个.crt")),
            "{e:?}"
        );

        let empty = dir.path().join("empty.crt");
        std::fs::write(&empty, "not a certificate\r\n").unwrap();
        let a = read(&format!("postgres://h/k?sslmode=verify-ca&sslrootcert={}", url_escape(&empty))).unwrap();
        let e = connector(&a).err().expect("refused");
        assert!(
            matches!(&e.problem, Problem::ServerNotTrusted { why: Distrust::AuthorityFile, detail } if detail.contains("no certificate")),
            "{e:?}"
        );
    }

    fn url_escape(p: &std::path::Path) -> String {
        url::form_urlencoded::byte_serialize(p.to_str().unwrap().as_bytes()).collect()
    }
}
