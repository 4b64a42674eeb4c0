//! TLS to PostgreSQL through rustls (the `ring` provider: no system OpenSSL, no cmake), with
//! libpq's `sslmode` and `sslrootcert`.
//!
//! The `postgres` crate reads `sslmode=disable|prefer|require` and nothing about certificates;
//! this module takes `sslmode` and `sslrootcert` out of the URL before the crate reads it, and
//! makes the rustls configuration that does what libpq does for each mode
//! (<https://www.postgresql.org/docs/current/libpq-ssl.html>, table "SSL Mode Descriptions"):
//!
//! | `sslmode`     | encrypted          | server certificate checked                   |
//! |---------------|--------------------|----------------------------------------------|
//! | `disable`     | no                 | —                                            |
//! | `prefer`      | if the server can  | no                                           |
//! | `require`     | yes                | only when `sslrootcert` is given (as libpq)  |
//! | `verify-ca`   | yes                | signed by a CA of `sslrootcert`              |
//! | `verify-full` | yes                | that, and issued for the host of the URL     |
//!
//! `sslrootcert` is a PEM file of CA certificates, or `system` for the operating system's
//! store; without it the verifying modes read `~/.postgresql/root.crt`, as libpq does.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use postgres::config::SslMode as ClientSslMode;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};
use tokio_postgres_rustls::MakeRustlsConnect;

/// libpq's `sslmode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SslMode {
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl SslMode {
    fn parse(text: &str) -> Result<Self, String> {
        Ok(match text {
            "disable" => Self::Disable,
            "prefer" => Self::Prefer,
            "require" => Self::Require,
            "verify-ca" => Self::VerifyCa,
            "verify-full" => Self::VerifyFull,
            // libpq's `allow` tries without TLS first: nothing this crate should do quietly.
            other => {
                return Err(format!(
                    "sslmode {other:?}: expected disable, prefer, require, verify-ca or verify-full"
                ));
            }
        })
    }
}

/// The TLS settings of a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TlsSettings {
    pub(crate) mode: SslMode,
    pub(crate) root_cert: Option<String>,
}

/// Splits `sslmode` and `sslrootcert` off the URL's query: the URL the `postgres` crate reads
/// (its mode is set apart, [`client_mode`]) and the settings. Errors say what is wrong, never
/// the URL.
pub(crate) fn split_settings(url: &str) -> Result<(String, TlsSettings), String> {
    let mut settings = TlsSettings {
        mode: SslMode::Prefer,
        root_cert: None,
    };
    let Some((base, query)) = url.split_once('?') else {
        return Ok((url.to_owned(), settings));
    };
    let mut kept = Vec::new();
    for parameter in query.split('&') {
        let (name, value) = parameter.split_once('=').unwrap_or((parameter, ""));
        match name {
            "sslmode" => settings.mode = SslMode::parse(&percent_decode(value)?)?,
            "sslrootcert" => settings.root_cert = Some(percent_decode(value)?),
            _ => kept.push(parameter),
        }
    }
    if kept.is_empty() {
        return Ok((base.to_owned(), settings));
    }
    Ok((format!("{base}?{}", kept.join("&")), settings))
}

/// `%XX` escapes of a URL query value.
fn percent_decode(value: &str) -> Result<String, String> {
    let bytes = value.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = value
                .get(index + 1..index + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
                .ok_or_else(|| format!("invalid %-escape at byte {index} of a tls setting"))?;
            decoded.push(hex);
            index += 3;
        } else {
            decoded.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(decoded).map_err(|_| "a tls setting is not UTF-8".to_owned())
}

/// The `postgres` crate's mode for `mode`: verification is rustls's job.
pub(crate) const fn client_mode(mode: SslMode) -> ClientSslMode {
    match mode {
        SslMode::Disable => ClientSslMode::Disable,
        SslMode::Prefer => ClientSslMode::Prefer,
        SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull => ClientSslMode::Require,
    }
}

/// The connector for `settings`. Errors say what is wrong with the settings or the files.
pub(crate) fn connector(settings: &TlsSettings) -> Result<MakeRustlsConnect, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier: Arc<dyn ServerCertVerifier> = match (settings.mode, &settings.root_cert) {
        (SslMode::Disable | SslMode::Prefer, _) | (SslMode::Require, None) => {
            Arc::new(Unverified(provider.clone()))
        }
        (SslMode::Require | SslMode::VerifyCa, root_cert) => Arc::new(AnyHostName(webpki(
            root_cert.as_deref(),
            settings.mode,
            &provider,
        )?)),
        (SslMode::VerifyFull, root_cert) => webpki(root_cert.as_deref(), settings.mode, &provider)?,
    };
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|error| format!("tls: {error}"))?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}

/// rustls's own verifier (chain to a root, validity, host name) over the roots of `root_cert`.
fn webpki(
    root_cert: Option<&str>,
    mode: SslMode,
    provider: &Arc<CryptoProvider>,
) -> Result<Arc<WebPkiServerVerifier>, String> {
    let roots = Arc::new(roots(root_cert, mode)?);
    WebPkiServerVerifier::builder_with_provider(roots, provider.clone())
        .build()
        .map_err(|error| format!("tls: {error}"))
}

/// The CA certificates `sslrootcert` names.
fn roots(root_cert: Option<&str>, mode: SslMode) -> Result<RootCertStore, String> {
    let mode_name = match mode {
        SslMode::VerifyFull => "verify-full",
        SslMode::VerifyCa => "verify-ca",
        _ => "require",
    };
    let mut store = RootCertStore::empty();
    if root_cert == Some("system") {
        let found = rustls_native_certs::load_native_certs();
        let (added, _ignored) = store.add_parsable_certificates(found.certs);
        if added == 0 {
            return Err(format!(
                "sslrootcert=system: no CA certificate found in the system's store ({} errors)",
                found.errors.len()
            ));
        }
        return Ok(store);
    }
    let path = match root_cert {
        Some(path) => PathBuf::from(path),
        None => match default_root_cert() {
            Some(path) if path.is_file() => path,
            _ => {
                return Err(format!(
                    "sslmode={mode_name} checks the server's certificate: give the CA's \
                     certificate as sslrootcert=FILE (PEM) or sslrootcert=system"
                ));
            }
        },
    };
    let certificates = read_certificates(&path)?;
    let (added, _ignored) = store.add_parsable_certificates(certificates);
    if added == 0 {
        return Err(format!(
            "sslrootcert {}: no usable CA certificate in the file",
            path.display()
        ));
    }
    Ok(store)
}

/// libpq's default `sslrootcert`: `~/.postgresql/root.crt`.
fn default_root_cert() -> Option<PathBuf> {
    std::env::var_os("HOME").map(|home| Path::new(&home).join(".postgresql/root.crt"))
}

fn read_certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>, String> {
    let shown = path.display();
    let certificates = CertificateDer::pem_file_iter(path)
        .map_err(|error| format!("sslrootcert {shown}: {}", pem_error(&error)))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| format!("sslrootcert {shown}: {}", pem_error(&error)))?;
    if certificates.is_empty() {
        return Err(format!(
            "sslrootcert {shown}: no PEM certificate (-----BEGIN CERTIFICATE-----) in the file"
        ));
    }
    Ok(certificates)
}

fn pem_error(error: &rustls::pki_types::pem::Error) -> String {
    match error {
        rustls::pki_types::pem::Error::Io(io) => io.to_string(),
        other => format!("not a PEM file: {other:?}"),
    }
}

/// `prefer`, and `require` without a CA: encrypted, the certificate taken as it comes (what
/// libpq does), the handshake's signatures still checked.
#[derive(Debug)]
struct Unverified(Arc<CryptoProvider>);

impl ServerCertVerifier for Unverified {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
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
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// `verify-ca`: the chain must lead to a trusted CA; the name the certificate was issued for
/// is not compared with the host.
#[derive(Debug)]
struct AnyHostName(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for AnyHostName {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
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
    fn tls_settings_leave_the_url_and_the_client_gets_a_mode_it_knows() {
        let cases = [
            ("postgres://h/db", "postgres://h/db", SslMode::Prefer, None),
            (
                "postgres://h/db?sslmode=verify-full&sslrootcert=%2Ftmp%2Fca.crt&connect_timeout=5",
                "postgres://h/db?connect_timeout=5",
                SslMode::VerifyFull,
                Some("/tmp/ca.crt"),
            ),
            (
                "postgres://h/db?sslmode=disable",
                "postgres://h/db",
                SslMode::Disable,
                None,
            ),
            (
                "postgres://h/db?sslrootcert=ca.pem&sslmode=verify-ca",
                "postgres://h/db",
                SslMode::VerifyCa,
                Some("ca.pem"),
            ),
        ];
        for (url, client_url, mode, root_cert) in cases {
            let (stripped, settings) = split_settings(url).unwrap();
            assert_eq!(stripped, client_url, "{url}");
            assert_eq!(settings.mode, mode, "{url}");
            assert_eq!(settings.root_cert.as_deref(), root_cert, "{url}");
        }
        assert_eq!(
            split_settings("postgres://u:secret@h/db?sslmode=allow").unwrap_err(),
            "sslmode \"allow\": expected disable, prefer, require, verify-ca or verify-full"
        );
        assert_eq!(
            split_settings("postgres://u:secret@h/db?sslrootcert=%zz").unwrap_err(),
            "invalid %-escape at byte 0 of a tls setting"
        );
    }

    #[test]
    fn verifying_modes_need_a_readable_ca_file() {
        let directory = tempfile::tempdir().unwrap();
        let missing = directory.path().join("missing.crt");
        let settings = |mode, root_cert: Option<&Path>| TlsSettings {
            mode,
            root_cert: root_cert.map(|path| path.display().to_string()),
        };
        let error = connector(&settings(SslMode::VerifyFull, Some(&missing)))
            .err()
            .unwrap();
        assert!(
            error.starts_with(&format!("sslrootcert {}: ", missing.display())),
            "{error}"
        );
        let not_pem = directory.path().join("not.pem");
        std::fs::write(&not_pem, "hello\n").unwrap();
        let error = connector(&settings(SslMode::VerifyCa, Some(&not_pem)))
            .err()
            .unwrap();
        assert!(error.contains("no PEM certificate"), "{error}");
        // Modes that check nothing need no file.
        for mode in [SslMode::Disable, SslMode::Prefer, SslMode::Require] {
            assert!(connector(&settings(mode, None)).is_ok());
        }
    }
}
