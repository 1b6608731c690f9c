package dev.parley.client.connection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/** Which server certificates a TLS connection accepts. */
public sealed interface TlsTrust
    permits TlsTrust.SystemTrustStore, TlsTrust.TrustedCas, TlsTrust.PinnedCertificate {

  /** Those the JDK's default trust store vouches for, for the host connected to. */
  enum SystemTrustStore implements TlsTrust {
    INSTANCE
  }

  /** Those signed by one of these CAs, read from {@code file}, for the host connected to. */
  record TrustedCas(Path file, List<X509Certificate> authorities) implements TlsTrust {

    private static final Pattern CERTIFICATE_BLOCK =
        Pattern.compile("-----BEGIN CERTIFICATE-----([^-]*)-----END CERTIFICATE-----");

    public TrustedCas {
      authorities = List.copyOf(authorities);
    }

    /**
     * The {@code CERTIFICATE} blocks of a PEM file; text around them, as CA bundles have, is
     * skipped.
     *
     * @throws UnusableCaFile naming the file, when it cannot be read or holds no certificate
     */
    public static TrustedCas fromPemFile(Path file) {
      String text;
      try {
        // Latin-1 reads any bytes: a comment in another encoding does not stop the certificates
        text = Files.readString(file, StandardCharsets.ISO_8859_1);
      } catch (IOException e) {
        throw new UnusableCaFile("cannot read the CA file " + file + ": " + whatWentWrong(e));
      }
      var authorities = new ArrayList<X509Certificate>();
      var blocks = CERTIFICATE_BLOCK.matcher(text);
      while (blocks.find()) {
        try {
          byte[] der = Base64.getMimeDecoder().decode(blocks.group(1));
          authorities.add(
              (X509Certificate)
                  CertificateFactory.getInstance("X.509")
                      .generateCertificate(new ByteArrayInputStream(der)));
        } catch (IllegalArgumentException | CertificateException e) {
          throw new UnusableCaFile(
              "the CA file "
                  + file
                  + " has a CERTIFICATE block that is not a certificate (block "
                  + (authorities.size() + 1)
                  + ")");
        }
      }
      if (authorities.isEmpty()) {
        throw new UnusableCaFile(
            "the CA file " + file + " is not PEM: it holds no -----BEGIN CERTIFICATE----- block");
      }
      return new TrustedCas(file, authorities);
    }

    private static String whatWentWrong(IOException e) {
      if (e instanceof NoSuchFileException) {
        return "there is no such file";
      }
      if (e instanceof AccessDeniedException) {
        return "permission denied";
      }
      if (e instanceof FileSystemException problem && problem.getReason() != null) {
        return problem.getReason();
      }
      return e.getMessage();
    }
  }

  /** Only the one certificate with this SHA-256, whoever signed it and whatever host it names. */
  record PinnedCertificate(Fingerprint fingerprint) implements TlsTrust {}

  /** A CA file that is missing, unreadable or not PEM certificates; the message names it. */
  final class UnusableCaFile extends RuntimeException {
    UnusableCaFile(String message) {
      super(message);
    }
  }
}
