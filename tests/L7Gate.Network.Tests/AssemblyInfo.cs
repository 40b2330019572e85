// The tests build namespaces, run real processes and measure failover times on a shared 2-core box:
// one test at a time keeps the timings honest and the 192.0.2.0/24 labs independent.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace L7Gate.Network.Tests
{
    using System.Runtime.CompilerServices;

    internal static class TestProcessSetup
    {
        /// <summary>
        /// The lab does some synchronous work on pool threads (netlink reads through the namespace threads); with the
        /// default minimum of one thread per core, a couple of those make the steady-rate client wait for the pool's
        /// slow thread injection (~0.5 s per thread), which the failover tests would read as the service pausing.
        /// </summary>
        [ModuleInitializer]
        internal static void RaiseThreadPoolMinimum()
        {
            ThreadPool.GetMinThreads(out var workers, out var completion);
            ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(completion, 32));
        }
    }
}
