//! libFuzzer's figures for one run, read from its log.

pub struct Stats {
    /// Inputs executed (`stat::number_of_executed_units`).
    pub runs: u64,
    /// Coverage counters (`cov:`) and features (`ft:`) at the end.
    pub cov: u64,
    pub ft: u64,
    /// Corpus entries at the end (`corp:`).
    pub corpus: u64,
    /// `exec/s` over the run (`stat::average_exec_per_sec`).
    pub per_second: u64,
}

impl Stats {
    /// The figures of a libFuzzer log run with `-print_final_stats=1`.
    pub fn read(log: &str) -> Option<Stats> {
        let stat = |name: &str| {
            log.lines()
                .filter_map(|line| line.strip_prefix(name)?.trim().strip_prefix(':'))
                .next_back()?
                .trim()
                .parse()
                .ok()
        };
        // The last status line (`#N DONE cov: X ft: Y corp: Z/…`) has the final coverage.
        let status = log.lines().rfind(|line| line.contains(" cov: "))?;
        let field = |name: &str| -> Option<u64> {
            let after = status.split(name).nth(1)?;
            let digits: String = after
                .trim_start()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().ok()
        };
        Some(Stats {
            runs: stat("stat::number_of_executed_units")?,
            cov: field(" cov:")?,
            ft: field(" ft:")?,
            corpus: field(" corp:")?,
            per_second: stat("stat::average_exec_per_sec")?,
        })
    }

    /// One line for the summary.
    pub fn line(&self, name: &str) -> String {
        format!(
            "{name:<20} {runs:>12} runs  {per_second:>9} exec/s  cov {cov:>5}  ft {ft:>6}  corpus {corpus:>5}",
            runs = self.runs,
            per_second = self.per_second,
            cov = self.cov,
            ft = self.ft,
            corpus = self.corpus,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_figures_of_a_log() {
        let log = "INFO: Seed: 1\n\
            #2\tINITED cov: 10 ft: 11 corp: 1/1b exec/s: 0 rss: 30Mb\n\
            #1000\tDONE   cov: 64 ft: 128 corp: 32/400b lim: 4 exec/s: 500 rss: 31Mb\n\
            Done 1000 runs in 2 second(s)\n\
            stat::number_of_executed_units: 1000\n\
            stat::average_exec_per_sec:     500\n\
            stat::new_units_added:          31\n";
        let stats = Stats::read(log).expect("figures");
        assert_eq!(
            (
                stats.runs,
                stats.cov,
                stats.ft,
                stats.corpus,
                stats.per_second
            ),
            (1000, 64, 128, 32, 500)
        );
    }

    #[test]
    fn a_log_without_statistics_has_none() {
        assert!(Stats::read("error: could not compile\n").is_none());
    }
}
