//! Clocks, sleeping, `poll_oneoff` and randomness.

mod common;

use std::io::Cursor;
use std::time::{SystemTime, UNIX_EPOCH};

use common::run;

#[test]
fn clocks_poll_and_random() {
    let r = run("clocks.wasm", |b| {
        b.stdin(Cursor::new(b"pending input".to_vec()));
    });
    let mut lines = r.stdout.lines();
    let guest_secs: u64 = lines.next().unwrap().strip_prefix("realtime ").unwrap().parse().unwrap();
    let host_secs = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    assert!(host_secs.abs_diff(guest_secs) < 10, "guest {guest_secs}, host {host_secs}");
    let rest: Vec<_> = lines.collect();
    assert_eq!(
        rest,
        [
            "time() agrees: ok",
            "realtime resolution: ok",
            "monotonic resolution: ok",
            "unknown clock: ok",
            "nanosleep 50ms: ok",
            "monotonic increases: ok",
            "process cpu time advances: ok",
            "thread cpu time: ok",
            "poll ready stdout: ok",
            "poll earliest clock: ok",
            "poll absolute past: ok",
            "poll unknown clock: ok",
            "poll stdin and bad fd: ok",
            "sched_yield: ok",
            "getentropy: ok",
            "random_get 1 MiB: ok",
            "random_get empty: ok",
            "0 failures",
        ]
    );
    assert_eq!(r.code, 0);
}
