//! Gzip on a thread of its own: the dump's text is made on one core while the
//! previous megabyte is compressed on another.
//!
//! Rationale: at the best compression, gzip costs about as much CPU as
//! reading the store and making the text, and the two were done one after the
//! other. The compressor here is the same (`flate2`, same level, same fixed
//! header) and receives the same bytes in the same order, so the file is
//! byte-identical to one compressed inline; only the work is moved. It will
//! not split the stream into independently compressed blocks (as `pigz`
//! does): that would change the bytes.

use flate2::{Compression, GzBuilder};
use std::io::{self, Write};
use std::mem;
use std::sync::mpsc::{sync_channel, SyncSender};
use std::thread::{self, JoinHandle};

/// Bytes handed to the compressor at a time.
const CHUNK: usize = 1 << 20;

/// Chunks waiting for the compressor: the writer runs at most this far ahead.
const QUEUE: usize = 4;

/// A gzip writer whose compression runs on its own thread. Call
/// [`ThreadedGzip::finish`]: dropped without it, the stream is left unfinished.
pub struct ThreadedGzip<W: Write + Send + 'static> {
    buffer: Vec<u8>,
    sender: Option<SyncSender<Vec<u8>>>,
    worker: Option<JoinHandle<io::Result<W>>>,
}

impl<W: Write + Send + 'static> ThreadedGzip<W> {
    /// Compresses into `inner` at `level`, with a header that holds no
    /// modification time and no file name (the same bytes every time).
    ///
    /// # Errors
    /// The thread cannot be started.
    pub fn new(inner: W, level: Compression) -> io::Result<Self> {
        let (sender, chunks) = sync_channel::<Vec<u8>>(QUEUE);
        let worker = thread::Builder::new()
            .name("meetkg-gzip".into())
            .spawn(move || {
                let mut encoder = GzBuilder::new().mtime(0).write(inner, level);
                for chunk in chunks {
                    encoder.write_all(&chunk)?;
                }
                encoder.finish()
            })?;
        Ok(Self {
            buffer: Vec::with_capacity(CHUNK),
            sender: Some(sender),
            worker: Some(worker),
        })
    }

    /// Hands the buffered bytes to the compressor.
    fn send(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = mem::replace(&mut self.buffer, Vec::with_capacity(CHUNK));
        let sent = self.sender.as_ref().map(|s| s.send(chunk));
        match sent {
            Some(Ok(())) => Ok(()),
            // The compressor stopped: its own error says why.
            _ => Err(self.join().err().unwrap_or_else(stopped)),
        }
    }

    /// Waits for the compressor to end: the writer it wrote into, or its error.
    fn join(&mut self) -> io::Result<W> {
        self.sender = None;
        match self.worker.take().map(JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(io::Error::other("the gzip thread panicked")),
            None => Err(stopped()),
        }
    }

    /// Compresses what is left, ends the gzip stream, and returns the writer
    /// it went to (not flushed).
    ///
    /// # Errors
    /// Compressing or writing failed.
    pub fn finish(mut self) -> io::Result<W> {
        self.send()?;
        self.join()
    }
}

fn stopped() -> io::Error {
    io::Error::other("the gzip thread stopped")
}

impl<W: Write + Send + 'static> Write for ThreadedGzip<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(buf);
        if self.buffer.len() >= CHUNK {
            self.send()?;
        }
        Ok(buf.len())
    }

    /// Hands what is buffered to the compressor; the compressor itself is
    /// flushed only by [`ThreadedGzip::finish`] (a flush mid-stream would
    /// change the bytes).
    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}

impl<W: Write + Send + 'static> Drop for ThreadedGzip<W> {
    /// On an error path: stops the compressor and waits for it, so no thread
    /// outlives the dump that started it.
    fn drop(&mut self) {
        if self.worker.is_some() {
            let _ = self.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;

    /// The threaded writer's bytes are those of `flate2` compressing inline,
    /// whatever the sizes of the writes (below, at and across a chunk).
    #[test]
    fn same_bytes_as_gzip_inline_whatever_the_writes() -> io::Result<()> {
        // Lines that change every 4 KiB, so the compressor has work to do.
        let line = b"<s> <p> \"o\" <g> .\n";
        let text: Vec<u8> = (0..3 * CHUNK + 17)
            .map(|i| line[i % line.len()] ^ u8::from((i / 4096) % 3 == 1))
            .collect();
        let mut inline: GzEncoder<Vec<u8>> = GzBuilder::new()
            .mtime(0)
            .write(Vec::new(), Compression::best());
        inline.write_all(&text)?;
        let expected = inline.finish()?;
        for piece in [1, 1000, CHUNK - 1, CHUNK, 2 * CHUNK + 5] {
            let mut threaded = ThreadedGzip::new(Vec::new(), Compression::best())?;
            for part in text.chunks(piece) {
                threaded.write_all(part)?;
            }
            assert!(threaded.finish()? == expected, "writes of {piece} bytes");
        }
        Ok(())
    }

    /// A compressor that cannot write says so to the writer, not by a panic.
    #[test]
    fn a_failing_writer_is_an_error() -> io::Result<()> {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::other("disk full"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut threaded = ThreadedGzip::new(Full, Compression::best())?;
        let written = (0..8).try_for_each(|_| threaded.write_all(&vec![b'x'; CHUNK]));
        let err = written.and_then(|()| threaded.finish().map(drop));
        assert_eq!(err.map_err(|e| e.to_string()), Err("disk full".into()));
        Ok(())
    }
}
