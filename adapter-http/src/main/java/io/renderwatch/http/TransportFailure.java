package io.renderwatch.http;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.port.SourceException;
import io.renderwatch.core.port.SourceException.Kind;
import io.renderwatch.core.port.SourceException.NetworkCause;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.HttpUrl;

/**
 * The one place where an I/O failure of a call becomes a {@link SourceException}: which
 * {@link NetworkCause} it stands for, told in plain words with the host it concerns. Messages
 * name the host and the exception's own text, never a header or the key.
 */
final class TransportFailure {

  private TransportFailure() {}

  /**
   * The failure for an I/O error of the call for job {@code asked} to {@code url}.
   *
   * @param canceled whether the call was canceled; a call timeout cancels too, but is a timeout
   */
  static SourceException of(JobId asked, HttpUrl url, IOException e, boolean canceled) {
    NetworkCause cause = causeOf(e);
    if (canceled && cause != NetworkCause.TIMEOUT) {
      return new SourceException(Kind.UNAVAILABLE, "Request for job " + asked
          + " was canceled", null, e);
    }
    String host = url == null ? "the API's host" : url.host();
    String where = url == null ? "the API" : url.host() + ":" + url.port();
    return new SourceException(cause, "No answer for job " + asked + ": " + cause.words()
        + ": " + explain(cause, host, where) + " (" + detail(e) + ")", e);
  }

  /** The cause an I/O failure stands for, judged on the whole cause chain. */
  static NetworkCause causeOf(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    // Most specific first: OkHttp wraps a refused or timed-out connect in its own
    // ConnectException, and the JDK reports a reset inside TLS as an SSLException.
    for (Throwable t : chain) {
      if (t instanceof UnknownHostException) {
        return NetworkCause.UNKNOWN_HOST;
      }
      if (t instanceof NoRouteToHostException || (t instanceof ConnectException
          && says(t, "unreachable"))) {
        return NetworkCause.NO_ROUTE;
      }
      if (t instanceof ConnectException && says(t, "refused")) {
        return NetworkCause.CONNECTION_REFUSED;
      }
      if (t instanceof SSLHandshakeException || t instanceof SSLPeerUnverifiedException) {
        return NetworkCause.TLS;
      }
    }
    for (Throwable t : chain) {
      if (t instanceof SocketTimeoutException
          || (t instanceof InterruptedIOException && says(t, "timeout"))) {
        return NetworkCause.TIMEOUT;
      }
    }
    for (Throwable t : chain) {
      if (t instanceof EOFException || says(t, "unexpected end of stream")
          || (t instanceof SocketException && (says(t, "reset") || says(t, "broken pipe")
              || says(t, "closed")))) {
        return NetworkCause.CONNECTION_RESET;
      }
    }
    for (Throwable t : chain) {
      if (t instanceof SSLException) {
        return NetworkCause.TLS;
      }
    }
    return NetworkCause.NETWORK;
  }

  private static String explain(NetworkCause cause, String host, String where) {
    switch (cause) {
      case UNKNOWN_HOST:
        return "the name " + host + " does not resolve; check the base URL and the network's"
            + " DNS";
      case CONNECTION_REFUSED:
        return "nothing accepts connections on " + where + "; check the base URL's host and"
            + " port, and that the service is up";
      case NO_ROUTE:
        return "the network has no route to " + where + "; check the connection, VPN or"
            + " firewall";
      case TLS:
        return "could not set up a secure connection to " + where + "; check that it speaks"
            + " https on that port and that no proxy replaces its certificate";
      case TIMEOUT:
        return where + " did not answer within the configured timeout";
      case CONNECTION_RESET:
        return where + " closed the connection before the answer was complete";
      default:
        return "the connection to " + where + " failed";
    }
  }

  private static String detail(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static boolean says(Throwable t, String words) {
    String message = t.getMessage();
    return message != null && message.toLowerCase(Locale.ROOT).contains(words);
  }
}
