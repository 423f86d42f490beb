//! What a bot run shows while it works, on stderr: on a terminal, a bar with the repositories
//! done out of the total and the ones under way, each finished repository printed above it;
//! elsewhere (a CI log, a pipe) one plain line per finished repository,
//! `[3/20] acme/api: opened #12`. The lines come in the order repositories finish; stdout and
//! the report keep the run's order.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::RepoOutcome;

pub struct Progress {
    total: AtomicUsize,
    done: AtomicUsize,
    /// Repositories under way, in the run's order.
    under_way: Mutex<Vec<String>>,
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A bar when `terminal`, plain lines otherwise.
    pub fn new(terminal: bool) -> Progress {
        let bar = terminal.then(|| {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}") {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            total: AtomicUsize::new(0),
            done: AtomicUsize::new(0),
            under_way: Mutex::new(Vec::new()),
            bar,
        }
    }

    pub fn set_total(&self, total: usize) {
        self.total.store(total, Ordering::SeqCst);
        if let Some(bar) = &self.bar {
            bar.set_length(total as u64);
        }
    }

    pub fn started(&self, repo: &str) {
        let mut under_way = self.under_way.lock().unwrap_or_else(|e| e.into_inner());
        under_way.push(repo.to_owned());
        self.show(&under_way);
    }

    pub fn finished(&self, outcome: &RepoOutcome) {
        let mut under_way = self.under_way.lock().unwrap_or_else(|e| e.into_inner());
        under_way.retain(|r| *r != outcome.repo);
        let done = self.done.fetch_add(1, Ordering::SeqCst) + 1;
        let line = format!(
            "[{done}/{}] {}",
            self.total.load(Ordering::SeqCst),
            outcome.headline()
        );
        match &self.bar {
            Some(bar) => {
                bar.println(line);
                bar.inc(1);
            }
            None => eprintln!("{line}"),
        }
        self.show(&under_way);
    }

    /// Takes the bar off the terminal.
    pub fn end(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    fn show(&self, under_way: &[String]) {
        if let Some(bar) = &self.bar {
            bar.set_message(under_way.join(", "));
        }
    }
}
