//! Worker threads yield to the pipeline's serial stages.
//!
//! The reader, the writer and the store thread are one thread each; the workers are `N`.
//! With as many workers as cores, the kernel shares each core between a worker and
//! whichever serial stage runs there, so the store thread (the slowest serial stage on
//! short articles) got about 0.6 of a core on two cores and held the whole pipeline back
//! while the workers, with nothing to hand their work to, queued more. Each worker lowers
//! its own scheduling priority by [`EngineConfig::worker_nice`](crate::EngineConfig)
//! steps (10 by default), so a serial stage that has work takes a core at once, and the
//! workers have every cycle it leaves. Measured on Wikinews, two workers on two cores
//! (`faultline bench --corpus wikinews --threads 2 --docs 40000`): 3,175-3,244 ->
//! 3,382-3,408 articles/s, 1.83-1.87 -> 1.94-1.95 cores busy; the store thread's batch
//! (1,024 articles) 290 -> 170 ms.
//!
//! Linux gives each thread its own nice value (`setpriority` on a thread id); elsewhere
//! this does nothing. The change is best effort: a thread whose priority cannot be
//! changed runs as it is. A thread's nice value can be raised back only with privileges,
//! so it is set on the pipeline's own threads, which end with their run.

/// Lowers the calling thread's priority by `steps` nice steps (to at most 19, the
/// lowest). Returns the nice value it now has, or `None` when nothing was changed (0
/// steps, not Linux, or the system refused).
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
