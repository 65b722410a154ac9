using Ferrule.Policies;
using Xunit;

namespace Ferrule.Tests;

public class BulkheadPolicyTests
{
    [Fact]
    public async Task Rejects_when_slots_and_queue_are_full()
    {
        using var bulkhead = new BulkheadPolicy(maxParallelization: 1, maxQueue: 0);
        var gate = new TaskCompletionSource<int>();
        var running = bulkhead.ExecuteAsync(_ => gate.Task);

        await Assert.ThrowsAsync<BulkheadRejectedException>(() => bulkhead.ExecuteAsync(_ => Task.FromResult(2)));

        gate.SetResult(1);
        Assert.Equal(1, await running);
    }

    [Fact]
    public async Task Slot_is_released_when_the_task_faults()
    {
        using var bulkhead = new BulkheadPolicy(maxParallelization: 1, maxQueue: 0);

        await Assert.ThrowsAsync<InvalidOperationException>(() => bulkhead.ExecuteAsync<int>(async _ =>
        {
            await Task.Yield();
            throw new InvalidOperationException();
        }));

        Assert.Equal(3, await bulkhead.ExecuteAsync(_ => Task.FromResult(3)));
    }
}
