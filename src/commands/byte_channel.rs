//! A channel bounded by the bytes its items hold rather than by their count.
//!
//! The cleaners hand articles to the thread that feeds the index writer. While
//! the writer commits (a segment is written every `--commit-every` files), that
//! thread takes nothing, and with a channel of 256 articles both cleaners sat
//! idle after a fraction of a second. Room for more articles keeps them
//! cleaning through the commit, but a count cannot bound memory: articles run
//! from a few hundred bytes to the 32 MB a file may hold. So the bound is the
//! bytes in flight, and an item larger than the whole budget still passes,
//! alone. A sender that finds no room sleeps until the receiver takes an item.

use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};

/// A channel holding items of at most `budget` bytes in all (see the module).
pub fn channel<T>(budget: usize) -> (Sender<T>, Receiver<T>) {
    let (tx, rx) = mpsc::channel();
    let gate = Arc::new(Gate {
        state: Mutex::new(State::default()),
        room: Condvar::new(),
        budget,
    });
    (
        Sender {
            tx,
            gate: Arc::clone(&gate),
        },
        Receiver { rx, gate },
    )
}

struct Gate {
    state: Mutex<State>,
    room: Condvar,
    budget: usize,
}

#[derive(Default)]
struct State {
    /// Bytes of the items sent and not yet received.
    held: usize,
    /// The receiver is gone: senders stop waiting.
    closed: bool,
}

impl Gate {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A thread that panicked holding the lock left a plain counter behind.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn release(&self, bytes: usize) {
        self.lock().held -= bytes;
        self.room.notify_all();
    }
}

/// The sending side; clone it for each producing thread.
pub struct Sender<T> {
    tx: mpsc::Sender<(T, usize)>,
    gate: Arc<Gate>,
}

impl<T> Clone for Sender<T> {
    fn clone(&self) -> Self {
        Sender {
            tx: self.tx.clone(),
            gate: Arc::clone(&self.gate),
        }
    }
}

impl<T> Sender<T> {
    /// Sends `item`, counted as `bytes`, once there is room for it; gives it
    /// back if the receiver is gone.
    pub fn send(&self, item: T, bytes: usize) -> Result<(), T> {
        let mut state = self.gate.lock();
        while !state.closed && state.held > 0 && state.held + bytes > self.gate.budget {
            state = self
                .gate
                .room
                .wait(state)
                .unwrap_or_else(|e| e.into_inner());
        }
        if state.closed {
            return Err(item);
        }
        state.held += bytes;
        drop(state);
        self.tx.send((item, bytes)).map_err(|e| {
            self.gate.release(bytes);
            e.0 .0
        })
    }
}

/// The receiving side: iterate to take items until every sender is gone.
pub struct Receiver<T> {
    rx: mpsc::Receiver<(T, usize)>,
    gate: Arc<Gate>,
}

impl<T> Iterator for Receiver<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        let (item, bytes) = self.rx.recv().ok()?;
        self.gate.release(bytes);
        Some(item)
    }
}

impl<T> Drop for Receiver<T> {
    fn drop(&mut self) {
        self.gate.lock().closed = true;
        self.gate.room.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[test]
    fn a_sender_waits_for_room_and_a_large_item_passes_alone() {
        let (tx, rx) = channel::<usize>(10);
        let sent = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            scope.spawn(|| {
                for (i, bytes) in [6, 4, 5, 50, 1].into_iter().enumerate() {
                    tx.send(i, bytes).unwrap();
                    sent.fetch_add(1, Ordering::SeqCst);
                }
                drop(tx);
            });
            // 6 + 4 fill the budget; 5 must wait for the receiver.
            std::thread::sleep(Duration::from_millis(100));
            assert!(sent.load(Ordering::SeqCst) <= 2);
            assert_eq!(rx.collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
        });
    }

    #[test]
    fn a_waiting_sender_is_released_when_the_receiver_goes() {
        let (tx, rx) = channel::<u8>(1);
        tx.send(1, 1).unwrap();
        std::thread::scope(|scope| {
            let waiting = scope.spawn(|| tx.send(2, 1));
            std::thread::sleep(Duration::from_millis(50));
            drop(rx);
            assert_eq!(waiting.join().unwrap(), Err(2));
        });
    }
}
