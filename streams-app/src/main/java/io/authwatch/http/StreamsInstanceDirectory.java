package io.authwatch.http;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@link InstanceDirectory} over a live {@link KafkaStreams} client and its group metadata. With no
 * {@code application.server} (self is null) the instance cannot be reached by others, so it answers
 * everything from its own stores.
 */
final class StreamsInstanceDirectory implements InstanceDirectory {

    private final KafkaStreams streams;
    private final HostInfo self;

    StreamsInstanceDirectory(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    @Override
    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public Optional<HostInfo> remoteOwner(String store, String appId) {
        if (self == null) {
            return Optional.empty();
        }
        final KeyQueryMetadata meta;
        try {
            meta = streams.queryMetadataForKey(store, appId, Serdes.String().serializer());
        } catch (StreamsException | IllegalStateException e) {
            throw ApiException.unavailable("the monitor is not running yet (" + streams.state() + ")");
        }
        if (meta == null || KeyQueryMetadata.NOT_AVAILABLE.equals(meta) || meta.activeHost() == null
                || HostInfo.unavailable().equals(meta.activeHost())) {
            throw ApiException.unavailable("no instance owns this app right now (the group is rebalancing)");
        }
        return self.equals(meta.activeHost()) ? Optional.empty() : Optional.of(meta.activeHost());
    }

    @Override
    public List<HostInfo> remotePeers(String store) {
        if (self == null) {
            return List.of();
        }
        try {
            return others(streams.streamsMetadataForStore(store));
        } catch (StreamsException | IllegalStateException e) {
            throw ApiException.unavailable("the monitor is not running yet (" + streams.state() + ")");
        }
    }

    @Override
    public List<HostInfo> remotePeers() {
        if (self == null) {
            return List.of();
        }
        try {
            return others(streams.metadataForAllStreamsClients());
        } catch (StreamsException | IllegalStateException e) {
            return List.of();
        }
    }

    private List<HostInfo> others(Collection<StreamsMetadata> metadata) {
        return metadata.stream().map(StreamsMetadata::hostInfo)
                .filter(h -> !self.equals(h) && !HostInfo.unavailable().equals(h))
                .distinct().toList();
    }
}
