package io.authwatch.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/** A group whose membership and key ownership a test sets by hand. */
final class StaticDirectory implements InstanceDirectory {

    private volatile KafkaStreams.State state = KafkaStreams.State.RUNNING;
    private final Map<String, HostInfo> remoteOwners = new HashMap<>();
    private final List<HostInfo> peers = new ArrayList<>();

    StaticDirectory state(KafkaStreams.State s) {
        this.state = s;
        return this;
    }

    StaticDirectory owner(String appId, HostInfo host) {
        remoteOwners.put(appId, host);
        return this;
    }

    StaticDirectory peer(HostInfo host) {
        peers.add(host);
        return this;
    }

    @Override
    public KafkaStreams.State state() {
        return state;
    }

    @Override
    public Optional<HostInfo> remoteOwner(String store, String appId) {
        return Optional.ofNullable(remoteOwners.get(appId));
    }

    @Override
    public List<HostInfo> remotePeers(String store) {
        return List.copyOf(peers);
    }

    @Override
    public List<HostInfo> remotePeers() {
        return List.copyOf(peers);
    }
}
