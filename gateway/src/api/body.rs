//! Reading and decoding request bodies, with a precise error for every way a client can get it
//! wrong: wrong content type, too large, not UTF-8, not JSON, JSON of the wrong shape.

use axum::body::Body;
use axum::http::{HeaderMap, header};
use bytes::Bytes;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

pub fn check_content_type(headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(v) = headers.get(header::CONTENT_TYPE) else {
        // curl without -H and some minimal clients send none; the body still has to parse.
        return Ok(());
    };
    let ct = v.to_str().unwrap_or("").trim();
    let mime = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if mime == "application/json" || mime.ends_with("+json") {
        Ok(())
    } else {
        Err(ApiError::UnsupportedMediaType(
            ct.chars().take(100).collect(),
        ))
    }
}

pub async fn read(body: Body, limit: usize) -> Result<Bytes, ApiError> {
    axum::body::to_bytes(body, limit).await.map_err(|e| {
        let inner = e.into_inner();
        let mut src: Option<&(dyn std::error::Error + 'static)> = Some(inner.as_ref());
        while let Some(err) = src {
            if err.is::<http_body_util::LengthLimitError>() {
                return ApiError::BodyTooLarge { limit };
            }
            src = err.source();
        }
        ApiError::InvalidRequest {
            message: format!("could not read the request body: {inner}"),
            param: None,
        }
    })
}

pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if let Err(e) = std::str::from_utf8(bytes) {
        return Err(ApiError::InvalidUtf8 {
            offset: e.valid_up_to(),
        });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::InvalidJson(
            "the request body is empty; expected a JSON object".into(),
        ));
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        match inner.classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                ApiError::InvalidJson(format!("the request body is not valid JSON: {inner}"))
            }
            serde_json::error::Category::Data | serde_json::error::Category::Io => {
                if path == "." {
                    ApiError::InvalidRequest {
                        message: format!("invalid request: {inner}"),
                        param: None,
                    }
                } else {
                    ApiError::InvalidRequest {
                        message: format!("invalid value for `{path}`: {inner}"),
                        param: Some(path),
                    }
                }
            }
        }
    })?;
    de.end()
        .map_err(|e| ApiError::InvalidJson(format!("the request body is not valid JSON: {e}")))?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use providers::ChatRequest;

    #[test]
    fn each_mistake_has_its_own_error() {
        let r = parse_json::<ChatRequest>(b"{\"model\": \"m\", \"messages\": [");
        assert!(matches!(r, Err(ApiError::InvalidJson(_))));
        let r = parse_json::<ChatRequest>(b"{\"model\": 5, \"messages\": []}");
        match r {
            Err(ApiError::InvalidRequest { param, .. }) => {
                assert_eq!(param.as_deref(), Some("model"))
            }
            other => panic!("{other:?}"),
        }
        let r = parse_json::<ChatRequest>(
            b"{\"model\":\"m\",\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}",
        );
        match r {
            Err(ApiError::InvalidRequest { param, .. }) => {
                assert_eq!(param.as_deref(), Some("messages[0].role"))
            }
            other => panic!("{other:?}"),
        }
        let r = parse_json::<ChatRequest>(b"{\"messages\":[]}");
        assert!(matches!(r, Err(ApiError::InvalidRequest { .. })), "{r:?}");
        let r = parse_json::<ChatRequest>(b"{\"model\":\"\xff\",\"messages\":[]}");
        assert!(
            matches!(r, Err(ApiError::InvalidUtf8 { offset: 10 })),
            "{r:?}"
        );
        assert!(matches!(
            parse_json::<ChatRequest>(b"  "),
            Err(ApiError::InvalidJson(_))
        ));
        assert!(matches!(
            parse_json::<ChatRequest>(b"{\"model\":\"m\",\"messages\":[]} x"),
            Err(ApiError::InvalidJson(_))
        ));
    }

    #[test]
    fn content_types() {
        let mut h = HeaderMap::new();
        assert!(check_content_type(&h).is_ok());
        h.insert(
            header::CONTENT_TYPE,
            "application/json; charset=utf-8".parse().unwrap(),
        );
        assert!(check_content_type(&h).is_ok());
        h.insert(
            header::CONTENT_TYPE,
            "application/x-www-form-urlencoded".parse().unwrap(),
        );
        assert!(matches!(
            check_content_type(&h),
            Err(ApiError::UnsupportedMediaType(_))
        ));
    }
}
