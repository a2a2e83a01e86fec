import Testing
@testable import RecallCore

@Suite struct RestoreSessionStateMachineTests {
    @Test func start_thenStop_goesThroughEveryState() throws {
        var machine = RestoreSessionStateMachine()
        #expect(machine.state == .starting)
        #expect(try machine.event(.started) == .recordStarted)
        #expect(machine.state == .working)
        #expect(machine.isWorking)
        #expect(try machine.event(.stopRequested(.requested)) == .cancelRunningActions(.requested))
        #expect(machine.state == .stopping)
        #expect(try machine.event(.stopCompleted(.requested)) == .recordStopped(.requested))
        #expect(machine.state == .stopped)
        #expect(machine.result == .success)
    }

    @Test func stop_isIdempotent() throws {
        var machine = RestoreSessionStateMachine(state: .stopped)
        #expect(try machine.event(.stopRequested(.idleTimeout)) == .none)
        #expect(machine.state == .stopped)
        var stopping = RestoreSessionStateMachine(state: .stopping)
        #expect(try stopping.event(.stopRequested(.requested)) == .none)
        #expect(stopping.state == .stopping)
    }

    @Test func result_onlyGetsWorse() throws {
        var machine = RestoreSessionStateMachine(state: .working)
        #expect(try machine.event(.actionFinished(failed: 0, succeeded: 3)) == .none)
        #expect(machine.result == .success)
        #expect(try machine.event(.actionFinished(failed: 1, succeeded: 2)) == .persistResult)
        #expect(machine.result == .warning)
        #expect(try machine.event(.actionFinished(failed: 0, succeeded: 2)) == .none)
        #expect(machine.result == .warning)
        #expect(try machine.event(.actionFinished(failed: 2, succeeded: 0)) == .persistResult)
        #expect(machine.result == .failed)
        #expect(try machine.event(.actionFinished(failed: 1, succeeded: 1)) == .none)
        #expect(machine.result == .failed)
    }

    @Test(arguments: [
        (RestoreSessionState.working, RestoreSessionStateMachine.Event.started),
        (.stopped, .started),
        (.working, .stopCompleted(.requested)),
        (.stopped, .stopCompleted(.requested)),
        (.stopped, .actionFinished(failed: 1, succeeded: 0)),
        (.starting, .actionFinished(failed: 1, succeeded: 0)),
    ])
    func impossibleTransitions_throw(state: RestoreSessionState, event: RestoreSessionStateMachine.Event) {
        var machine = RestoreSessionStateMachine(state: state)
        #expect(throws: RestoreSessionStateMachine.InvalidTransition.self) { try machine.event(event) }
        #expect(machine.state == state)
    }
}
