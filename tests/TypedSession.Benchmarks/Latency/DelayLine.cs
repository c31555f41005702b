using System.Diagnostics;
using System.Runtime.InteropServices;

namespace TypedSession.Benchmarks.Latency;

/// <summary>
/// Holds every chunk the proxy forwards for a fixed time, then hands it to its direction's writer, in arrival order.
/// </summary>
/// <remarks>
/// One queue and one dedicated thread serve every connection: with a constant delay, due times are in arrival order,
/// so the head of one FIFO queue is always the next chunk due, and a connection waiting for its chunk never holds up
/// another one. <c>Task.Delay</c> and <c>Thread.Sleep</c> wake on a 1 ms grain on Linux, too coarse for a 0.5 ms
/// delay, and spinning would take one of the machine's two cores from the app being measured; the thread sleeps with
/// <c>clock_nanosleep</c> instead, with its timer slack set to 1 ns, which wakes within a few tens of microseconds.
/// </remarks>
internal sealed class DelayLine : IDisposable
{
    private readonly long _delayTicks;
    private readonly Queue<PendingChunk> _queue = new();
    // A plain object: the thread waits on it with Monitor.Wait when nothing is queued.
    private readonly object _gate = new();
    private readonly Thread? _thread;
    private bool _stopped;
    private long _delivered;
    private long _lateTicks;

    /// <summary>Starts the line; a zero delay forwards every chunk at once, without a thread.</summary>
    public DelayLine(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        _delayTicks = (long)(delay.TotalSeconds * Stopwatch.Frequency);
        if (_delayTicks > 0)
        {
            _thread = new Thread(Run) { IsBackground = true, Name = "latency-proxy delay line", Priority = ThreadPriority.AboveNormal };
            _thread.Start();
        }
    }

    /// <summary>Chunks forwarded after their delay.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>
    /// How late, on average, a chunk left after its due time: what the proxy adds to the configured delay on top of its
    /// own forwarding, mostly the time a woken thread waits for a core on a busy machine.
    /// </summary>
    public TimeSpan MeanLateness => Delivered == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _lateTicks) / Delivered);

    /// <summary>Forwards <paramref name="chunk"/> to <paramref name="direction"/> once the delay has passed.</summary>
    public void Enqueue(ProxyDirection direction, ProxyChunk chunk)
    {
        if (_thread is null)
        {
            direction.Deliver(chunk);
            return;
        }
        lock (_gate)
        {
            // The timestamp is taken under the lock, so due times never go backwards in the queue.
            _queue.Enqueue(new PendingChunk(Stopwatch.GetTimestamp() + _delayTicks, direction, chunk));
            if (_queue.Count == 1)
            {
                Monitor.Pulse(_gate);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            Monitor.Pulse(_gate);
        }
        _thread?.Join();
    }

    private void Run()
    {
        PreciseSleep.ReduceTimerSlack();
        while (true)
        {
            PendingChunk head;
            lock (_gate)
            {
                while (_queue.Count == 0 && !_stopped)
                {
                    Monitor.Wait(_gate);
                }
                if (_stopped)
                {
                    return;
                }
                head = _queue.Peek();
            }

            var remaining = head.Due - Stopwatch.GetTimestamp();
            if (remaining > 0)
            {
                PreciseSleep.For(remaining);
                continue;
            }

            lock (_gate)
            {
                _queue.Dequeue();
            }
            Interlocked.Add(ref _lateTicks, -remaining);
            Interlocked.Increment(ref _delivered);
            head.Direction.Deliver(head.Chunk);
        }
    }

    private readonly record struct PendingChunk(long Due, ProxyDirection Direction, ProxyChunk Chunk);

    // Sub-millisecond sleeps: clock_nanosleep on Linux (this benchmark's platform), a spin elsewhere.
    private static class PreciseSleep
    {
        private const int ClockMonotonic = 1;
        private const int PrSetTimerSlack = 29;

        public static void ReduceTimerSlack()
        {
            if (OperatingSystem.IsLinux())
            {
                // The kernel may otherwise postpone a wake-up by the default 50 µs slack, a tenth of a 0.5 ms delay.
                _ = Prctl(PrSetTimerSlack, 1, 0, 0, 0);
            }
        }

        public static void For(long stopwatchTicks)
        {
            if (!OperatingSystem.IsLinux())
            {
                Thread.SpinWait(20);
                return;
            }
            var nanoseconds = (long)(stopwatchTicks * (1_000_000_000.0 / Stopwatch.Frequency));
            var request = new Timespec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
            _ = ClockNanosleep(ClockMonotonic, 0, ref request, IntPtr.Zero);
        }

        [DllImport("libc", EntryPoint = "clock_nanosleep")]
        private static extern int ClockNanosleep(int clockId, int flags, ref Timespec request, IntPtr remaining);

        [DllImport("libc", EntryPoint = "prctl")]
        private static extern int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

        [StructLayout(LayoutKind.Sequential)]
        private struct Timespec
        {
            public long Seconds;
            public long Nanoseconds;
        }
    }
}
