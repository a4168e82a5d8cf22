//! Handing freed memory back to the system between indexing's phases.
//!
//! jemalloc (the global allocator, see `malloc_conf` in main.rs) returns
//! freed pages a quarter of a second after they are freed. A phase starting
//! right after another would stack its heap on the pages the last one left,
//! and indexing's peak memory is the highest phase's.

use std::ffi::CStr;

/// Hands heap freed by the cleaners, the writer's last segment or the story
/// grouping back to the system at once: after each commit, and before the
/// merge and the story grouping allocate theirs. (Kept from glibc's
/// `malloc_trim`; with jemalloc it was not measured apart from the allocator
/// change.)
pub fn release_freed_heap() {
    // MALLCTL_ARENAS_ALL: every arena.
    set::<()>(c"arena.4096.purge", None);
}

/// From now on, every page the allocator frees goes back to the system at
/// once (`dirty_decay_ms` 0 for the arenas there are and those to come). For
/// the final merge, the last phase: it reads every segment in chunks of many
/// sizes, and pages freed between them were still counted when the next were
/// taken. At the 4x copy (184k files, 19 segments) the run's peak RSS, which
/// is the merge's, 109.5 and 109.8 MB -> 101.3 and 101.3 MB, in the same time
/// (46-56 s, a noisy hour); at 1x, whose peak is not the merge's, unchanged.
/// For the whole run it cost 10-20 % of the time (see `malloc_conf`).
pub fn free_pages_at_once() {
    let at_once: isize = 0;
    set(c"arenas.dirty_decay_ms", Some(&at_once));
    for arena in 0..read_u32(c"arenas.narenas").unwrap_or(0) {
        if let Ok(name) = std::ffi::CString::new(format!("arena.{arena}.dirty_decay_ms")) {
            set(&name, Some(&at_once));
        }
    }
}

/// Sets jemalloc's `name` to `value`, or runs it when there is none (a
/// command such as `arena.<i>.purge`). A failure is ignored: these only tune
/// memory.
#[cfg(not(target_env = "msvc"))]
fn set<T>(name: &CStr, value: Option<&T>) {
    let (new, new_len) = match value {
        Some(value) => (
            (value as *const T).cast_mut().cast(),
            std::mem::size_of::<T>(),
        ),
        None => (std::ptr::null_mut(), 0),
    };
    // SAFETY: `name` is NUL-terminated; jemalloc reads `new_len` bytes at
    // `new` (a `T` of the setting's type, by the callers above) and writes
    // nothing, as both output pointers are null.
    unsafe {
        tikv_jemalloc_sys::mallctl(
            name.as_ptr(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            new,
            new_len,
        );
    }
}

/// jemalloc's `u32` setting `name`.
#[cfg(not(target_env = "msvc"))]
fn read_u32(name: &CStr) -> Option<u32> {
    let mut value: u32 = 0;
    let mut len = std::mem::size_of::<u32>();
    // SAFETY: `name` is NUL-terminated and names a `u32` setting; jemalloc
    // writes at most `len` bytes into `value` and reads no new value.
    let status = unsafe {
        tikv_jemalloc_sys::mallctl(
            name.as_ptr(),
            (&mut value as *mut u32).cast(),
            &mut len,
            std::ptr::null_mut(),
            0,
        )
    };
    (status == 0).then_some(value)
}

#[cfg(target_env = "msvc")]
fn set<T>(_name: &CStr, _value: Option<&T>) {}

#[cfg(target_env = "msvc")]
fn read_u32(_name: &CStr) -> Option<u32> {
    None
}
