use super::*;
use serde_json::json;

/// Every row of the spec §6.2 table, with the class it must get.
const TABLE: &[(i64, ErrorClass)] = {
    use ErrorClass::*;
    &[
        (0, PauseAll),
        (1, RetryFewTimes),
        (2, Retry),
        (3, NoRetry),
        (4, Retry),
        (10, NoRetry),
        (17, Retry),
        (33, NoRetry),
        (100, NoRetry),
        (190, PauseAll),
        (200, NoRetry),
        (250, NoRetry),
        (299, NoRetry),
        (368, PauseAll),
        (613, Retry),
        (80007, Retry),
        (130403, NoRetry),
        (130429, Retry),
        (130472, NoRetry),
        (130497, NoRetry),
        (131000, RetryFewTimes),
        (131005, NoRetry),
        (131008, NoRetry),
        (131009, NoRetry),
        (131014, NoRetry),
        (131016, Retry),
        (131021, NoRetry),
        (131026, NoRetry),
        (131031, PauseAll),
        (131037, NoRetry),
        (131042, PauseAll),
        (131045, NoRetry),
        (131047, NoRetry),
        (131048, PauseAll),
        (131049, NoRetry),
        (131050, NoRetry),
        (131051, NoRetry),
        (131052, NoRetry),
        (131053, NoRetry),
        (131056, Retry),
        (131057, Retry),
        (131060, NoRetry),
        (131062, NoRetry),
        (131063, NoRetry),
        (131064, NoRetry),
        (132000, NoRetry),
        (132001, NoRetry),
        (132005, NoRetry),
        (132007, NoRetry),
        (132012, NoRetry),
        (132015, NoRetry),
        (132016, NoRetry),
        (133010, NoRetry),
        (135000, NoRetry),
    ]
};

#[test]
fn classify_covers_the_whole_table() {
    for &(code, class) in TABLE {
        assert_eq!(classify(code), class, "code {code}");
        assert!(table(code).is_some(), "code {code} is listed");
    }
}

#[test]
fn unlisted_codes_are_not_retried() {
    for code in [5, 199, 300, 131001, 131055, 131061, 132002, 999_999, -1] {
        assert_eq!(classify(code), ErrorClass::NoRetry, "code {code}");
        assert!(table(code).is_none(), "code {code}");
    }
}

fn graph_body(code: i64) -> Vec<u8> {
    json!({"error": {
        "message": format!("(#{code}) something"),
        "type": "OAuthException",
        "code": code,
        "error_data": {"messaging_product": "whatsapp", "details": "the details"},
        "fbtrace_id": "AbCdEf012345"
    }})
    .to_string()
    .into_bytes()
}

#[test]
fn permanent_error_keeps_details_and_trace() {
    let err = from_response(400, None, &graph_body(131047), 0).unwrap_err();
    match &err {
        GraphError::Permanent {
            code,
            details,
            fbtrace_id,
            message,
        } => {
            assert_eq!(*code, Some(131047));
            assert_eq!(details.as_deref(), Some("the details"));
            assert_eq!(fbtrace_id.as_deref(), Some("AbCdEf012345"));
            assert!(message.contains("131047"));
        }
        other => panic!("{other:?}"),
    }
    assert!(err.window_closed() && !err.is_retryable() && !err.pauses_all_sends());
    assert_eq!(err.fbtrace_id(), Some("AbCdEf012345"));
}

#[test]
fn code_decides_not_http_status() {
    // A retryable code with HTTP 400, a permanent code with HTTP 500.
    assert!(
        from_response(400, None, &graph_body(131056), 0)
            .unwrap_err()
            .is_retryable()
    );
    assert!(
        !from_response(500, None, &graph_body(131026), 0)
            .unwrap_err()
            .is_retryable()
    );
    // An error object inside a 200 is still an error.
    assert!(from_response(200, None, &graph_body(100), 0).is_err());
}

#[test]
fn circuit_breaker_codes() {
    for code in [131048, 368, 131031, 131042, 190, 0] {
        let err = from_response(400, None, &graph_body(code), 0).unwrap_err();
        assert!(err.pauses_all_sends(), "code {code}");
        assert!(!err.is_retryable());
    }
    assert!(!GraphError::Invalid("x".into()).pauses_all_sends());
}

#[test]
fn retry_after_rules() {
    let ra = |code, attempt| {
        from_response(400, None, &graph_body(code), attempt)
            .unwrap_err()
            .retry_after()
    };
    assert_eq!(ra(131056, 0), Some(Duration::from_secs(1)));
    assert_eq!(ra(131056, 1), Some(Duration::from_secs(4)));
    assert_eq!(ra(131056, 2), Some(Duration::from_secs(16)));
    assert_eq!(ra(131057, 0), Some(Duration::from_secs(60)));
    assert_eq!(ra(2, 0), None);
    // The header wins over the code's rule.
    let err = from_response(429, Some(Duration::from_secs(3)), &graph_body(131056), 2).unwrap_err();
    assert_eq!(err.retry_after(), Some(Duration::from_secs(3)));
    assert_eq!(
        code_delay(131056, u32::MAX),
        Some(Duration::from_secs(4u64.pow(16)))
    );
}

#[test]
fn answers_without_graph_error() {
    let err =
        from_response(503, Some(Duration::from_secs(2)), b"<html>down</html>", 0).unwrap_err();
    assert!(err.is_retryable() && err.code().is_none());
    assert_eq!(err.retry_after(), Some(Duration::from_secs(2)));
    assert!(from_response(429, None, b"", 0).unwrap_err().is_retryable());
    assert!(
        !from_response(404, None, b"not found", 0)
            .unwrap_err()
            .is_retryable()
    );
    assert!(
        !from_response(200, None, b"not json", 0)
            .unwrap_err()
            .is_retryable()
    );
    assert_eq!(
        from_response(200, None, b"{\"a\":1}", 0).unwrap(),
        json!({"a": 1})
    );
    // Unlisted code: the HTTP status decides.
    assert!(
        from_response(502, None, &graph_body(987654), 0)
            .unwrap_err()
            .is_retryable()
    );
    assert!(
        !from_response(400, None, &graph_body(987654), 0)
            .unwrap_err()
            .is_retryable()
    );
}

#[test]
fn odd_error_shapes_do_not_panic() {
    let err = from_response(400, None, br#"{"error":{"code":"131047"}}"#, 0).unwrap_err();
    assert_eq!(err.code(), Some(131047));
    let err = from_response(400, None, br#"{"error":{}}"#, 0).unwrap_err();
    assert_eq!(err.code(), None);
    let err = from_response(400, None, br#"{"error":"nope"}"#, 0).unwrap_err();
    assert!(!err.is_retryable());
    let long = vec![b'x'; 10_000];
    let GraphError::Permanent { message, .. } = from_response(400, None, &long, 0).unwrap_err()
    else {
        panic!()
    };
    assert!(message.chars().count() < 300);
}

#[test]
fn retry_after_header_parsing() {
    assert_eq!(parse_retry_after(Some("5")), Some(Duration::from_secs(5)));
    assert_eq!(
        parse_retry_after(Some(" 1.5 ")),
        Some(Duration::from_millis(1500))
    );
    assert_eq!(parse_retry_after(Some("-1")), None);
    assert_eq!(
        parse_retry_after(Some("Wed, 21 Oct 2015 07:28:00 GMT")),
        None
    );
    assert_eq!(parse_retry_after(None), None);
}
