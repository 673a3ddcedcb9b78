//! posture in a pseudo-terminal, with the screen read through a terminal emulator: waits are
//! for text on the screen, never fixed sleeps.

use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

use crate::support::Home;

pub const ROWS: u16 = 30;
pub const COLS: u16 = 100;
pub const PATIENCE: Duration = Duration::from_secs(20);

/// posture running in a pseudo-terminal, with the screen as a terminal would show it.
pub struct Tty {
    pub child: Box<dyn Child + Send + Sync>,
    /// `None` once the terminal has been hung up.
    writer: Option<Box<dyn Write + Send>>,
    /// Tells the reader to close its side of the terminal after its next read.
    close: Arc<AtomicBool>,
    output: Receiver<Vec<u8>>,
    screen: vt100::Parser,
    pub raw: Vec<u8>,
    /// The terminal's own side, shared with the reader, which drops it to hang up.
    master: Arc<Mutex<Option<Box<dyn MasterPty + Send>>>>,
}

impl Tty {
    pub fn start(home: &Home, args: &[&str]) -> Self {
        Self::spawn(
            home,
            assert_cmd::cargo::cargo_bin!("posture").as_os_str(),
            args,
        )
    }

    /// `posture open PATH`, past the introduction of the assessment's first topic.
    pub fn open(home: &Home, path: &std::path::Path) -> Self {
        let mut tty = Self::start(home, &["open", path.to_str().expect("utf-8")]);
        tty.begin_topic();
        tty
    }

    /// Waits for a topic's introduction and begins the topic.
    pub fn begin_topic(&mut self) {
        self.wait_for("begins the topic");
        self.send("\r");
    }

    /// posture started by a shell that outlives it, as a terminal window runs it: the shell,
    /// not posture, leads the terminal's session.
    pub fn start_under_shell(home: &Home, args: &[&str]) -> Self {
        let mut shell_args = vec!["-c", "\"$0\" \"$@\"; sleep 30"];
        let binary = assert_cmd::cargo::cargo_bin!("posture");
        let binary = binary.to_str().expect("utf-8");
        shell_args.push(binary);
        shell_args.extend_from_slice(args);
        Self::spawn(home, std::ffi::OsStr::new("sh"), &shell_args)
    }

    pub fn spawn(home: &Home, program: &std::ffi::OsStr, args: &[&str]) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("POSTURE_HOME", home.path());
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        let child = pair.slave.spawn_command(cmd).expect("spawn posture");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let (send, output) = channel();
        let close = Arc::new(AtomicBool::new(false));
        let closing = Arc::clone(&close);
        let master = Arc::new(Mutex::new(Some(pair.master)));
        let owner = Arc::clone(&master);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || send.send(buf[..n].to_vec()).is_err() || closing.load(Ordering::SeqCst)
                {
                    break;
                }
            }
            owner.lock().expect("master").take();
        });
        Self {
            child,
            writer: Some(writer),
            close,
            output,
            screen: vt100::Parser::new(
                ROWS.try_into().expect("rows"),
                COLS.try_into().expect("cols"),
                0,
            ),
            raw: Vec::new(),
            master,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
    }

    /// Pastes `text` as a terminal does when bracketed paste is on.
    pub fn paste(&mut self, text: &str) {
        self.send(&format!("\u{1b}[200~{text}\u{1b}[201~"));
    }

    /// Resizes the terminal, as dragging the window's corner does, and sends SIGWINCH as the
    /// window would (resizing the pseudo-terminal alone does not reach the program here); the
    /// emulator reading the screen shows at most `shown` (rows, columns) of it.
    pub fn resize(&mut self, cols: u16, rows: u16, shown: (u16, u16)) {
        let nonzero = |n: u16| std::num::NonZeroU16::new(n).expect("not zero");
        self.screen.set_size(nonzero(shown.0), nonzero(shown.1));
        if let Some(master) = self.master.lock().expect("master").as_ref() {
            master
                .resize(PtySize {
                    rows,
                    cols,
                    pixel_width: 0,
                    pixel_height: 0,
                })
                .expect("resize");
        }
        self.signal("-WINCH");
    }

    pub fn contents(&self) -> String {
        self.screen.screen().contents()
    }

    /// Waits until the screen shows `text`.
    pub fn wait_for(&mut self, text: &str) {
        self.wait_until(&format!("{text:?}"), |screen| screen.contains(text));
    }

    /// Waits until no editor is open: its title ("— Esc keeps it") is gone, so the keys sent
    /// next go to the question, not into the text.
    pub fn wait_editor_closed(&mut self) {
        self.wait_until("the editor to close", |screen| !screen.contains("keeps it"));
    }

    /// Waits until the screen's text satisfies `shows` (`what` names it when it never does).
    pub fn wait_until(&mut self, what: &str, shows: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        while !shows(&self.contents()) {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "timed out waiting for {what}; the screen shows:\n{}",
                self.contents()
            );
            if let Ok(bytes) = self
                .output
                .recv_timeout(left.min(Duration::from_millis(200)))
            {
                self.screen.process(&bytes);
                self.raw.extend_from_slice(&bytes);
            }
        }
    }

    pub fn send(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(keys.as_bytes()).expect("write keys");
        writer.flush().expect("flush");
    }

    /// Closes the terminal, as closing its window does: once every handle on the terminal's
    /// side is gone, the program's end reads end-of-file and its writes fail. Dropping the
    /// writer makes portable-pty send a line break and end-of-file (Ctrl-J, Ctrl-D) first,
    /// which a real window does not.
    pub fn hang_up(&mut self) {
        self.close.store(true, Ordering::SeqCst);
        // Any key makes posture draw, which wakes the reader to see the flag and close; F12
        // does nothing else anywhere, not even in a text field.
        self.send("\u{1b}[24~");
        self.writer = None;
    }

    /// Reads until the process has exited and its output has drained.
    pub fn wait_exit(&mut self) -> bool {
        let deadline = Instant::now() + PATIENCE;
        loop {
            while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(100)) {
                self.screen.process(&bytes);
                self.raw.extend_from_slice(&bytes);
            }
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.success();
            }
            assert!(
                Instant::now() < deadline,
                "posture did not exit:\n{}",
                self.contents()
            );
        }
    }

    pub fn signal(&self, signal: &str) {
        let pid = self.child.process_id().expect("pid").to_string();
        let status = std::process::Command::new("kill")
            .args([signal, &pid])
            .status()
            .expect("kill");
        assert!(status.success());
    }
}
