package dev.driftguard.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks TCP ports on the loopback interface that are free at the moment of asking. */
final class FreePorts {

    private FreePorts() {}

    /**
     * A port nobody listens on right now. Another process may take it before the caller binds it, so callers retry
     * with a fresh port when their server reports "address already in use".
     */
    static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LocalStackException("cannot find a free TCP port on 127.0.0.1: " + e.getMessage(), e);
        }
    }
}
