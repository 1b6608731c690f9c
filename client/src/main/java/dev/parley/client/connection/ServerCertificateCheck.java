package dev.parley.client.connection;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Decides, during the handshake, whether the server's certificate is one the client trusts; a
 * refusal says in one sentence what is wrong and what the user can do, with the certificate's real
 * fingerprint. Nothing is sent to a server it refuses: the hello waits for the handshake.
 */
final class ServerCertificateCheck extends X509ExtendedTrustManager {

  /** A certificate this client will not talk through; the message is the sentence for the user. */
  static final class Refused extends CertificateException {
    Refused(String sentence, Throwable cause) {
      super(sentence, cause);
    }
  }

  private static final int DNS_NAME = 2;
  private static final int IP_ADDRESS = 7;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

  private final TlsTrust trust;
  // the JDK's check of the chain and the host, for the trust of CAs; null for a pin
  private final X509ExtendedTrustManager authorities;

  ServerCertificateCheck(TlsTrust trust, X509ExtendedTrustManager authorities) {
    this.trust = trust;
    this.authorities = authorities;
  }

  /** The sentence of the refusal that made a connection fail, if that is why it failed. */
  static Optional<String> refusal(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof Refused refused) {
        return Optional.of(refused.getMessage());
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return Optional.empty();
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    Fingerprint presented = Fingerprint.of(chain[0]);
    if (trust instanceof TlsTrust.PinnedCertificate pinned) {
      if (!pinned.fingerprint().equals(presented)) {
        throw new Refused(
            "the server's certificate has SHA-256 "
                + presented.hex()
                + ", not the pinned "
                + pinned.fingerprint().hex()
                + ": someone may be in between, or the server has a new certificate (pin the new"
                + " one only once you know it is the server's)",
            null);
      }
      return;
    }
    try {
      authorities.checkServerTrusted(chain, authType, engine);
    } catch (CertificateException e) {
      throw new Refused(whyNotTrusted(chain, authType, engine.getPeerHost(), presented, e), e);
    }
  }

  // the JDK checks the chain first, then the host: a chain that passes alone had the wrong host
  private String whyNotTrusted(
      X509Certificate[] chain,
      String authType,
      String host,
      Fingerprint presented,
      CertificateException failure) {
    String ifYouTrustIt =
        "if you trust it (the server prints its SHA-256 at start), run again with"
            + " --tls-fingerprint "
            + presented.hex();
    try {
      authorities.checkServerTrusted(chain, authType);
    } catch (CertificateException chainProblem) {
      X509Certificate leaf = chain[0];
      if (isCausedBy(chainProblem, CertificateExpiredException.class)) {
        return "the server's certificate expired on "
            + DAY.format(leaf.getNotAfter().toInstant().atZone(ZoneOffset.UTC))
            + " (SHA-256 "
            + presented.hex()
            + "): the server needs a new one; "
            + ifYouTrustIt;
      }
      if (isCausedBy(chainProblem, CertificateNotYetValidException.class)) {
        return "the server's certificate is valid only from "
            + DAY.format(leaf.getNotBefore().toInstant().atZone(ZoneOffset.UTC))
            + " (SHA-256 "
            + presented.hex()
            + "): check this computer's clock";
      }
      String trustedBy =
          trust instanceof TlsTrust.TrustedCas cas
              ? "is not signed by a CA in " + cas.file()
              : "is not trusted by this system";
      return "the server's certificate "
          + trustedBy
          + " (SHA-256 "
          + presented.hex()
          + "): "
          + ifYouTrustIt;
    }
    List<String> names = namesOf(chain[0]);
    if (host == null || names.stream().anyMatch(host::equalsIgnoreCase)) {
      return "the server's certificate is refused ("
          + failure.getMessage()
          + "; SHA-256 "
          + presented.hex()
          + "): "
          + ifYouTrustIt;
    }
    if (names.isEmpty()) {
      return "the server's certificate names no host, so not "
          + host
          + " (SHA-256 "
          + presented.hex()
          + "): "
          + ifYouTrustIt;
    }
    return "the server's certificate is for "
        + String.join(", ", names)
        + ", not for "
        + host
        + " (SHA-256 "
        + presented.hex()
        + "): connect to one of those names with --host, or, "
        + ifYouTrustIt;
  }

  private static List<String> namesOf(X509Certificate certificate) {
    var names = new ArrayList<String>();
    try {
      Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
      if (alternatives != null) {
        for (List<?> name : alternatives) {
          int type = (Integer) name.get(0);
          if (type == DNS_NAME || type == IP_ADDRESS) {
            names.add(String.valueOf(name.get(1)).toLowerCase(Locale.ROOT));
          }
        }
      }
    } catch (CertificateParsingException e) {
      // unreadable names: as good as none, for the sentence
    }
    return names;
  }

  private static boolean isCausedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  // an SSLEngine calls only the method above; the socket and plain forms are here for the interface

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("this client checks server certificates on its SSLEngine");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("this client checks server certificates on its SSLEngine");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("this client does not take client certificates");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("this client does not take client certificates");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("this client does not take client certificates");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return authorities == null ? new X509Certificate[0] : authorities.getAcceptedIssuers();
  }
}
