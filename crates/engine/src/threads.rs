//! The pipeline's threads: their names, their priority, and the CPU time each one spent.
//!
//! **Names.** `fl-worker`, `fl-writer` and `fl-store` (the reader is the caller's
//! thread), so that `top -H`, `perf` and a debugger tell them apart.
//!
//! **Workers yield to the serial stages.** The reader, the writer and the store thread
//! are one thread each; the workers are `N`. With as many workers as cores, the kernel
//! shares each core between a worker and whichever serial stage runs there, so the store
//! thread (the slowest serial stage on short articles) got about 0.6 of a core on two
//! cores and held the whole pipeline back while the workers, with nothing to hand their
//! work to, queued more. Each worker lowers its own scheduling priority by
//! [`EngineConfig::worker_nice`](crate::EngineConfig) steps (10 by default), so a serial
//! stage that has work takes a core at once, and the workers have every cycle it leaves.
//! Measured on Wikinews, two workers on two cores (`faultline bench --corpus wikinews
//! --threads 2 --docs 40000`): 3,175-3,244 -> 3,382-3,408 articles/s, 1.83-1.87 ->
//! 1.94-1.95 cores busy; the store thread's batch (1,024 articles) 290 -> 170 ms.
//! Linux gives each thread its own nice value (`setpriority` on a thread id); elsewhere
//! this does nothing. The change is best effort: a thread whose priority cannot be
//! changed runs as it is. A thread's nice value can be raised back only with privileges,
//! so it is set on the pipeline's own threads, which end with their run.
//!
//! **CPU time.** Each thread reads its own CPU clock (`CLOCK_THREAD_CPUTIME_ID`) at its
//! start and end; the run reports the sums as [`ThreadCpu`]: how busy each one-thread
//! stage was is what bounds the speed of more cores.

use std::thread::{Scope, ScopedJoinHandle};
use std::time::Duration;

/// Starts a named thread in `scope` (as `Scope::spawn`, which also panics when the system
/// cannot start a thread).
pub(crate) fn spawn<'scope, T: Send + 'scope>(
    scope: &'scope Scope<'scope, '_>,
    name: &str,
    f: impl FnOnce() -> T + Send + 'scope,
) -> ScopedJoinHandle<'scope, T> {
    std::thread::Builder::new()
        .name(name.to_string())
        .spawn_scoped(scope, f)
        .unwrap_or_else(|err| panic!("cannot start the pipeline's {name} thread: {err}"))
}

/// CPU time the calling thread has used so far (Linux; zero elsewhere).
#[must_use]
pub(crate) fn cpu_time() -> Duration {
    #[cfg(target_os = "linux")]
    {
        let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
        Duration::new(u64::try_from(t.tv_sec).unwrap_or(0), u32::try_from(t.tv_nsec).unwrap_or(0))
    }
    #[cfg(not(target_os = "linux"))]
    {
        Duration::ZERO
    }
}

/// Measures the CPU time of a thread's work: [`cpu_time`] at the start, and the
/// difference on [`Clock::elapsed`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Clock(Duration);

impl Clock {
    pub(crate) fn start() -> Clock {
        Clock(cpu_time())
    }

    pub(crate) fn elapsed(self) -> Duration {
        cpu_time().saturating_sub(self.0)
    }
}

/// Lowers the calling thread's priority by `steps` nice steps (to at most 19, the
/// lowest). Returns the thread's nice value afterwards; `None` for 0 steps, off Linux,
/// or when the system refused.
pub(crate) fn lower_this_thread(steps: u8) -> Option<i32> {
    if steps == 0 {
        return None;
    }
    lower(steps)
}

#[cfg(target_os = "linux")]
fn lower(steps: u8) -> Option<i32> {
    use rustix::process::{getpriority_process, setpriority_process};
    let me = Some(rustix::thread::gettid());
    let now = getpriority_process(me).ok()?;
    let wanted = (now + i32::from(steps)).min(19);
    if wanted == now {
        return Some(now);
    }
    setpriority_process(me, wanted).ok()?;
    getpriority_process(me).ok()
}

#[cfg(not(target_os = "linux"))]
fn lower(_steps: u8) -> Option<i32> {
    None
}

/// This thread's nice value (tests).
#[cfg(all(test, target_os = "linux"))]
fn nice_of_this_thread() -> i32 {
    rustix::process::getpriority_process(Some(rustix::thread::gettid())).unwrap_or(i32::MIN)
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn lowers_only_the_calling_thread() {
        let before = nice_of_this_thread();
        let (reported, seen, other) = std::thread::scope(|scope| {
            let lowered = scope
                .spawn(|| {
                    let reported = lower_this_thread(3);
                    (reported, nice_of_this_thread())
                })
                .join()
                .unwrap();
            let other = scope.spawn(nice_of_this_thread).join().unwrap();
            (lowered.0, lowered.1, other)
        });
        let expected = (before + 3).min(19);
        assert_eq!(reported, Some(expected));
        assert_eq!(seen, expected);
        // Neither this thread nor a thread started afterwards is affected.
        assert_eq!(nice_of_this_thread(), before);
        assert_eq!(other, before);
    }

    #[test]
    fn zero_steps_change_nothing() {
        let before = nice_of_this_thread();
        let seen = std::thread::spawn(|| (lower_this_thread(0), nice_of_this_thread())).join().unwrap();
        assert_eq!(seen, (None, before));
    }

    #[test]
    fn a_thread_clock_counts_its_own_work_only() {
        let idle = Clock::start();
        let busy = std::thread::scope(|scope| {
            spawn(scope, "fl-test", || {
                assert_eq!(std::thread::current().name(), Some("fl-test"));
                let clock = Clock::start();
                let mut x = 0u64;
                while clock.elapsed() < Duration::from_millis(30) {
                    x = std::hint::black_box(x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1));
                }
                clock.elapsed()
            })
            .join()
            .unwrap()
        });
        assert!(busy >= Duration::from_millis(30), "{busy:?}");
        // This thread waited for the other one: it used far less CPU than the 30 ms.
        assert!(idle.elapsed() < Duration::from_millis(15), "{:?}", idle.elapsed());
    }

    #[test]
    fn stops_at_the_lowest_priority() {
        let seen = std::thread::spawn(|| {
            lower_this_thread(200);
            let first = nice_of_this_thread();
            let again = lower_this_thread(5);
            (first, again, nice_of_this_thread())
        })
        .join()
        .unwrap();
        assert_eq!(seen, (19, Some(19), 19));
    }
}
