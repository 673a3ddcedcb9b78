//! The HTML report opened as its reader opens it: in a browser (headless Chromium), whose
//! network log must show no request from the page but the page itself.

use std::path::Path;

use crate::pdf_report::{audit, tool_available};

/// The addresses the page at `page` asked for while loading, from Chromium's network log:
/// requests whose initiator is the page, as opposed to the browser's own ("not an origin").
fn page_requests(page: &Path, scratch: &Path) -> Vec<String> {
    let log = scratch.join("net.json");
    let status = std::process::Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=3000",
            "--dump-dom",
        ])
        .arg(format!(
            "--user-data-dir={}",
            scratch.join("profile").display()
        ))
        .arg(format!("--log-net-log={}", log.display()))
        .arg(format!("file://{}", page.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("run chromium");
    assert!(status.success(), "chromium loads the page");
    let net: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&log).expect("the net log")).expect("json");
    let start_job = &net["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"];
    net["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| &e["type"] == start_job)
        .filter(|e| e["params"]["initiator"] != "not an origin")
        .filter_map(|e| e["params"]["url"].as_str().map(str::to_owned))
        .filter(|url| *url != format!("file://{}", page.display()))
        .collect()
}

#[test]
fn the_html_report_makes_no_request_in_a_browser() {
    if !tool_available("chromium") {
        return;
    }
    let audit = audit();
    let scratch = audit.home.path().join("browser");
    std::fs::create_dir_all(&scratch).expect("mkdir");
    // The check itself sees requests: a page that asks for an image and a fetch is caught.
    let control = scratch.join("control.html");
    std::fs::write(
        &control,
        "<img src=\"http://example.invalid/x.png\"><script>fetch('https://example.invalid/a')</script>",
    )
    .expect("write");
    let caught = page_requests(&control, &scratch);
    assert!(caught.iter().any(|u| u.contains("x.png")), "{caught:?}");

    audit
        .export_command("html", "report.html", &[])
        .assert()
        .success();
    let report = audit.home.path().join("report.html");
    let html = std::fs::read_to_string(&report).expect("read");
    assert!(
        html.contains("<svg class=\"gauge\""),
        "the pictures are inline"
    );
    assert!(
        html.contains("counter(pages)"),
        "printed pages are numbered x of y"
    );
    assert!(html.contains("DRAFT — incomplete"));
    let requests = page_requests(&report, &scratch);
    assert!(requests.is_empty(), "the report asked for {requests:?}");
}
