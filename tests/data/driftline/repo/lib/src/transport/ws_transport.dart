import 'dart:async';

/// Minimal socket abstraction so tests can inject a fake.
abstract class SocketChannel {
  Stream<Object?> get stream;
  void add(Object? data);
  Future<void> close();
}

typedef SocketConnector = Future<SocketChannel> Function(Uri uri);

/// Live pull over `/sync/ws` with automatic reconnect.
class WebSocketTransport {
  WebSocketTransport(this.uri, this.connect, {this.reconnectDelay = const Duration(seconds: 3)});

  final Uri uri;
  final SocketConnector connect;
  final Duration reconnectDelay;

  SocketChannel? _channel;
  StreamSubscription<Object?>? _sub;
  Timer? _reconnectTimer;
  bool _closed = false;
  final _messages = StreamController<Object?>.broadcast();

  Stream<Object?> get messages => _messages.stream;
  bool get isReconnectScheduled => _reconnectTimer?.isActive ?? false;

  Future<void> open() async {
    final ch = await connect(uri);
    _channel = ch;
    _sub = ch.stream.listen(_messages.add, onDone: _onDone, onError: (_) => _onDone());
  }

  void _onDone() {
    _sub = null;
    _channel = null;
    _scheduleReconnect();
  }

  void _scheduleReconnect() {
    _reconnectTimer?.cancel();
    _reconnectTimer = Timer(reconnectDelay, () {
      open();
    });
  }

  Future<void> close() async {
    _closed = true;
    await _sub?.cancel();
    await _channel?.close();
    await _messages.close();
  }
}
