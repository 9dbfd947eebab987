//! The preview's HTTP side: pages from memory, copied files from disk, the
//! live-reload event stream, and the checks that keep it to this site only.

use super::State;
use axum::body::Body;
use axum::extract::State as Extract;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use std::convert::Infallible;
use std::sync::Arc;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

pub const LIVE_JS: &str = include_str!("live.js");
const EVENTS: &str = "/__rotative/events";
const SCRIPT: &str = "/__rotative/live.js";

pub fn router(state: Arc<State>) -> axum::Router {
    axum::Router::new().fallback(handle).with_state(state)
}

fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" if path.ends_with("atom.xml") => "application/atom+xml; charset=utf-8",
        "xml" if path.ends_with("rss.xml") => "application/rss+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn plain(status: StatusCode, text: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text.to_string(),
    )
        .into_response()
}

/// Turns a request path into an output path, or `None` if it tries to leave
/// the site: `..` in any spelling (`%2e%2e`, `..%2f`, `..%5c`), backslashes,
/// NUL bytes and doubled slashes are all refused, segment by segment.
pub fn resolve(raw_path: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(raw_path)
        .decode_utf8()
        .ok()?;
    if decoded.contains('\0')
        || decoded.contains('\\')
        || !decoded.starts_with('/')
        || decoded.starts_with("//")
    {
        return None;
    }
    let rel = &decoded[1..];
    for seg in rel.split('/') {
        if seg == ".." || seg == "." || (seg.is_empty() && !rel.is_empty() && !rel.ends_with('/')) {
            return None;
        }
    }
    if rel.is_empty() || rel.ends_with('/') {
        Some(format!("{rel}index.html"))
    } else {
        Some(rel.to_string())
    }
}

fn host_allowed(state: &State, headers: &HeaderMap) -> bool {
    if !state.addr.ip().is_loopback() {
        return true;
    }
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let name = match host.rsplit_once(':') {
        Some((n, port)) if port.chars().all(|c| c.is_ascii_digit()) => n,
        _ => host,
    };
    matches!(name, "localhost" | "127.0.0.1" | "[::1]") || name == state.addr.ip().to_string()
}

fn origin_allowed(state: &State, headers: &HeaderMap) -> bool {
    match headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) {
        None => true,
        Some(origin) => {
            let host = origin.strip_prefix("http://").unwrap_or("");
            let mut h = HeaderMap::new();
            if let Ok(v) = HeaderValue::from_str(host) {
                h.insert(header::HOST, v);
            }
            host_allowed(state, &h) && host.ends_with(&format!(":{}", state.addr.port()))
        }
    }
}

async fn handle(
    Extract(state): Extract<Arc<State>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if !host_allowed(&state, &headers) {
        return plain(
            StatusCode::FORBIDDEN,
            "403: this preview server only answers requests for localhost",
        );
    }
    if method != Method::GET && method != Method::HEAD {
        let mut r = plain(
            StatusCode::METHOD_NOT_ALLOWED,
            "405: only GET and HEAD are supported",
        );
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    match uri.path() {
        EVENTS if origin_allowed(&state, &headers) => return events(&state).into_response(),
        EVENTS => return plain(StatusCode::FORBIDDEN, "403: cross-origin request refused"),
        SCRIPT => {
            return respond(
                &state,
                StatusCode::OK,
                "live.js",
                LIVE_JS.as_bytes().to_vec(),
            );
        }
        _ => {}
    }
    let Some(rel) = resolve(uri.path()) else {
        return not_found(&state);
    };
    if let Some(bytes) = state.page(&rel) {
        return respond(&state, StatusCode::OK, &rel, bytes);
    }
    if let Some(src) = state.asset(&rel) {
        return match tokio::fs::read(&src).await {
            Ok(bytes) => respond(&state, StatusCode::OK, &rel, bytes),
            Err(_) => not_found(&state),
        };
    }
    // `/a-propos` → `/a-propos/`, as static hosts do.
    let dir_index = format!("{rel}/index.html");
    if !rel.ends_with(".html") && state.page(&dir_index).is_some() {
        let mut r = StatusCode::MOVED_PERMANENTLY.into_response();
        if let Ok(v) = HeaderValue::from_str(&format!("{}/", uri.path())) {
            r.headers_mut().insert(header::LOCATION, v);
        }
        return r;
    }
    not_found(&state)
}

fn not_found(state: &State) -> Response {
    match state.page("404.html") {
        Some(bytes) => respond(state, StatusCode::NOT_FOUND, "404.html", bytes),
        None => plain(StatusCode::NOT_FOUND, "404: page not found"),
    }
}

fn respond(state: &State, status: StatusCode, rel: &str, bytes: Vec<u8>) -> Response {
    let ct = content_type(rel);
    let body = if state.live_reload && ct.starts_with("text/html") {
        inject(bytes)
    } else {
        bytes
    };
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    r
}

/// Adds the live-reload script before `</body>` (or at the end).
fn inject(mut html: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT}\"></script>");
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    html.splice(at..at, tag.into_bytes());
    html
}

fn events(
    state: &State,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>> + use<>> {
    let current = state
        .error_message()
        .map(|m| super::Signal::Error(m).to_event());
    let rx = BroadcastStream::new(state.signals.subscribe());
    let stream = tokio_stream::iter(current)
        .chain(rx.filter_map(|s| s.ok().map(|s| s.to_event())))
        .map(Ok);
    Sse::new(stream).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn traversal_is_refused() {
        for bad in [
            "/../x",
            "/%2e%2e/x",
            "/..%2fx",
            "/..%5cx",
            "//etc/passwd",
            "/%00",
            "/a/../../x",
            "/a/./b",
            "/a//b",
        ] {
            assert_eq!(resolve(bad), None, "{bad}");
        }
        assert_eq!(resolve("/").as_deref(), Some("index.html"));
        assert_eq!(
            resolve("/2025/03/x/").as_deref(),
            Some("2025/03/x/index.html")
        );
        assert_eq!(resolve("/css/style.css").as_deref(), Some("css/style.css"));
        assert_eq!(
            resolve("/%C3%A9t%C3%A9/").as_deref(),
            Some("été/index.html")
        );
    }
}
