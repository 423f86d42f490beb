//! Terminal habits: colours only on a terminal (never with `NO_COLOR`, always with
//! `--color always`; anstream decides, as it does for clap's help), log verbosity from
//! `--quiet`/`--verbose`, and a progress bar for long runs when standard error is a terminal.

use std::io::IsTerminal as _;
use std::time::Duration;

use anstyle::{AnsiColor, Style};

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb` (`CLICOLOR`,
    /// `CLICOLOR_FORCE` are honoured too).
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour what goes to standard output (`stderr: false`) or standard error.
    pub fn enabled(self, stderr: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                let choice = if stderr {
                    anstream::AutoStream::choice(&std::io::stderr())
                } else {
                    anstream::AutoStream::choice(&std::io::stdout())
                };
                choice != anstream::ColorChoice::Never
            }
        }
    }
}

/// ANSI styling, or none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Paint {
    pub enabled: bool,
}

impl Paint {
    fn wrap(self, style: Style, text: &str) -> String {
        if self.enabled {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_owned()
        }
    }

    fn color(self, color: AnsiColor, text: &str) -> String {
        self.wrap(Style::new().fg_color(Some(color.into())), text)
    }

    pub fn bold(self, text: &str) -> String {
        self.wrap(Style::new().bold(), text)
    }

    pub fn red(self, text: &str) -> String {
        self.color(AnsiColor::Red, text)
    }

    pub fn green(self, text: &str) -> String {
        self.color(AnsiColor::Green, text)
    }

    pub fn yellow(self, text: &str) -> String {
        self.color(AnsiColor::Yellow, text)
    }

    pub fn cyan(self, text: &str) -> String {
        self.color(AnsiColor::Cyan, text)
    }

    pub fn dim(self, text: &str) -> String {
        self.wrap(Style::new().dimmed(), text)
    }

    /// A severity in the colour of its weight.
    pub fn severity(self, severity: &str) -> String {
        match severity {
            "critical" | "high" => self.wrap(
                Style::new().bold().fg_color(Some(AnsiColor::Red.into())),
                severity,
            ),
            "medium" => self.yellow(severity),
            _ => self.dim(severity),
        }
    }

    /// A unified diff with removed lines red and added lines green (headers bold).
    pub fn diff(self, diff: &str) -> String {
        if !self.enabled {
            return diff.to_owned();
        }
        let mut out = String::with_capacity(diff.len() + diff.len() / 4);
        for line in diff.split_inclusive('\n') {
            let (body, end) = match line.strip_suffix('\n') {
                Some(body) => (body, "\n"),
                None => (line, ""),
            };
            let styled = if body.starts_with("+++") || body.starts_with("---") {
                self.bold(body)
            } else if body.starts_with('+') {
                self.green(body)
            } else if body.starts_with('-') {
                self.red(body)
            } else if body.starts_with("@@") {
                self.cyan(body)
            } else {
                body.to_owned()
            };
            out.push_str(&styled);
            out.push_str(end);
        }
        out
    }
}

/// The log level `-q`/`-v` select; `CONVERGE_LOG` (a tracing filter) overrides it.
pub fn init_logging(quiet: bool, verbose: u8, color: ColorChoice) {
    let level = match (quiet, verbose) {
        (true, _) => "error",
        (false, 0) => "info",
        (false, 1) => "debug",
        (false, _) => "trace",
    };
    let filter = std::env::var("CONVERGE_LOG")
        .ok()
        .and_then(|f| tracing_subscriber::EnvFilter::try_new(f).ok())
        .unwrap_or_else(|| {
            // Libraries speak only at warnings unless asked for more.
            let libraries = if verbose >= 2 { level } else { "warn" };
            tracing_subscriber::EnvFilter::new(format!("{libraries},converge={level}"))
        });
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(color.enabled(true))
        .with_target(false)
        .without_time()
        .try_init();
}

/// A progress bar on standard error for a run over many files: shown only on a terminal, not
/// with `--quiet`, and only once the run has lasted a moment (short runs never flash one).
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    started: std::time::Instant,
    shown: std::sync::atomic::AtomicBool,
}

/// How long a run goes before its progress bar appears.
const PROGRESS_DELAY: Duration = Duration::from_millis(800);

impl Progress {
    pub fn new(enabled: bool) -> Progress {
        let bar = (enabled && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::hidden();
            let style = indicatif::ProgressStyle::with_template(
                "{spinner} {pos}/{len} files {wide_bar} {elapsed}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        Progress {
            bar,
            started: std::time::Instant::now(),
            shown: Default::default(),
        }
    }

    /// The number of files of the run, once known.
    pub fn total(&self, files: usize) {
        if let Some(bar) = &self.bar {
            bar.set_length(files as u64);
        }
    }

    /// `files` more are done.
    pub fn advance(&self, files: usize) {
        let Some(bar) = &self.bar else { return };
        bar.inc(files as u64);
        if !self.is_shown() && self.started.elapsed() >= PROGRESS_DELAY {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            self.shown.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }

    fn is_shown(&self) -> bool {
        self.shown.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Runs `write` with the bar out of the way (so output to the same terminal stays whole).
    pub fn suspend<R>(&self, write: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) if self.is_shown() => bar.suspend(write),
            _ => write(),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
