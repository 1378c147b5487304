import NIOCore
import NIOPosix

/// Where the sandbox's request handling runs: threads of its own, not Swift's cooperative pool.
///
/// The pool has one thread per core (two here). In a test process, other tests block those threads for seconds at
/// a time: a synchronous test generating a 600-customer company, a `waitUntilExit`. While both were blocked no
/// in-process sandbox could answer, and clients 15-30 s away from their idle timeouts failed with "timed out"
/// (a whole CI run, five tests). On its own threads the sandbox answers whatever the pool is doing; a client that
/// waits for the pool only waits, it does not time out. In `billtop --demo` the same keeps the fetcher and the
/// sandbox it reads from off each other's threads.
///
/// Not serial: each job runs on one of the group's loops. `SandboxWorld`, a default actor, keeps its isolation;
/// its jobs run here when called from a task that prefers this executor (SE-0417).
final class SandboxExecutor: TaskExecutor {
    /// One for the process: every sandbox server shares its threads.
    static let shared = SandboxExecutor(threads: max(2, System.coreCount))

    private let group: MultiThreadedEventLoopGroup

    private init(threads: Int) {
        group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        group.next().execute { job.runSynchronously(on: executor) }
    }
}
