//! The HTML report opened as its reader opens it: in a browser (headless Chromium), whose
//! network log must show no request from the page but the page itself.

use std::path::Path;

use crate::pdf_report::{audit, tool_available};

/// Chromium without a display, a sandbox or any traffic of its own.
const HEADLESS: [&str; 8] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// Opens `page` in headless Chromium with `args`, a profile in `scratch`, and no output.
fn chromium(page: &Path, scratch: &Path, args: &[String]) {
    let status = std::process::Command::new("chromium")
        .args(HEADLESS)
        .args(args)
        .arg(format!(
            "--user-data-dir={}",
            scratch.join("profile").display()
        ))
        .arg(format!("file://{}", page.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("run chromium");
    assert!(status.success(), "chromium opens {}", page.display());
}

/// The addresses the page at `page` asked for while loading, from Chromium's network log:
/// requests whose initiator is the page, as opposed to the browser's own ("not an origin").
fn page_requests(page: &Path, scratch: &Path) -> Vec<String> {
    let log = scratch.join("net.json");
    chromium(
        page,
        scratch,
        &[
            "--virtual-time-budget=3000".to_owned(),
            "--dump-dom".to_owned(),
            format!("--log-net-log={}", log.display()),
        ],
    );
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

/// Whether `line` is the date and time a browser prints in a page's header: `12/1/26, 8:26 AM`.
fn is_browser_date(line: &str) -> bool {
    line.split_once(", ").is_some_and(|(date, time)| {
        date.split('/').count() == 3
            && date.split('/').all(|part| part.parse::<u32>().is_ok())
            && time.contains(':')
    })
}

#[test]
fn the_html_report_makes_no_request_in_a_browser() {
    if !tool_available("chromium") || !tool_available("pdftotext") {
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

    // Printed from the browser: numbered pages, DRAFT on each, and no browser date or address.
    let printed = scratch.join("printed.pdf");
    chromium(
        &report,
        scratch.as_path(),
        &[format!("--print-to-pdf={}", printed.display())],
    );
    let text = std::process::Command::new("pdftotext")
        .arg(&printed)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() > 1, "{text}");
    for (n, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("Page {} of {}", n + 1, pages.len())),
            "{page}"
        );
        assert!(page.contains("DRAFT — incomplete"), "{page}");
        let stamp = page
            .lines()
            .find(|l| is_browser_date(l) || l.contains("file://"));
        assert!(stamp.is_none(), "a browser stamp: {stamp:?}");
    }
}
