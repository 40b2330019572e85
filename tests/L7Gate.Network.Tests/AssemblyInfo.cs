// The tests build namespaces, run real processes and measure failover times on a shared 2-core box:
// one test at a time keeps the timings honest and the 192.0.2.0/24 labs independent.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
