package io.authwatch.http;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Which monitor instance holds what: the view of the Kafka Streams group that the query API needs.
 * Instances are named by the host:port they advertise as {@code application.server}, which is also
 * where their HTTP server listens.
 */
public interface InstanceDirectory {

    /** The state of this instance's streams client. */
    KafkaStreams.State state();

    /**
     * The other instance that owns {@code appId} in {@code store}, or empty when this instance
     * answers itself (it owns the key, or runs alone).
     *
     * @throws ApiException 503 when the group does not know yet who owns it (starting, rebalancing)
     */
    Optional<HostInfo> remoteOwner(String store, String appId);

    /** The other instances that host {@code store}; empty when this instance runs alone. */
    List<HostInfo> remotePeers(String store);

    /** Every other instance of the group, whatever it hosts. */
    List<HostInfo> remotePeers();
}
