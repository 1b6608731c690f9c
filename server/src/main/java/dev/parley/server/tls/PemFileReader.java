package dev.parley.server.tls;

import dev.parley.server.settings.TlsSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads a certificate chain and its private key from PEM files, as certbot writes them: the chain
 * {@code CERTIFICATE} blocks, the server's first; the key in PKCS#8 ({@code PRIVATE KEY}) or the
 * older RSA and EC forms. Whatever is wrong names the file.
 */
final class PemFileReader {

  private PemFileReader() {}

  /**
   * @throws IllegalStateException naming the file that is missing, unreadable or holds no
   *     certificate or key
   */
  static KeyMaterial read(TlsSettings.PemFiles files) {
    List<X509Certificate> chain = readChain(files.certificateChain());
    PrivateKey key = readKey(files.privateKey());
    if (!belongTogether(key, chain.get(0))) {
      throw new IllegalStateException(
          "the private key in "
              + files.privateKey()
              + " is not the key of the first certificate in "
              + files.certificateChain());
    }
    return new KeyMaterial(chain, key);
  }

  private static List<X509Certificate> readChain(Path file) {
    var chain = new ArrayList<X509Certificate>();
    var converter = new JcaX509CertificateConverter();
    try (PEMParser parser = new PEMParser(open(file))) {
      for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
        if (item instanceof X509CertificateHolder certificate) {
          chain.add(converter.getCertificate(certificate));
        }
      }
    } catch (IOException | CertificateException | RuntimeException e) {
      throw unreadable("the certificate chain", file, e);
    }
    if (chain.isEmpty()) {
      throw new IllegalStateException(
          "the certificate chain " + file + " holds no PEM CERTIFICATE block");
    }
    return chain;
  }

  private static PrivateKey readKey(Path file) {
    var converter = new JcaPEMKeyConverter();
    try (PEMParser parser = new PEMParser(open(file))) {
      for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
        if (item instanceof PEMKeyPair pair) {
          // the older forms may leave the public key out
          return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
        if (item instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw unreadable("the private key", file, e);
    }
    throw new IllegalStateException(
        "the private key " + file + " holds no unencrypted PEM PRIVATE KEY block");
  }

  // a signature made with the key that the certificate's public key verifies
  private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
    try {
      String algorithm =
          key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256with" + key.getAlgorithm();
      byte[] probe = "parley".getBytes(StandardCharsets.US_ASCII);
      Signature signing = Signature.getInstance(algorithm);
      signing.initSign(key);
      signing.update(probe);
      Signature verifying = Signature.getInstance(algorithm);
      verifying.initVerify(certificate.getPublicKey());
      verifying.update(probe);
      return verifying.verify(signing.sign());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static Reader open(Path file) throws IOException {
    try {
      return Files.newBufferedReader(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null, "no such file");
    }
  }

  private static IllegalStateException unreadable(String what, Path file, Exception e) {
    String why = e instanceof NoSuchFileException ? "no such file" : e.getMessage();
    return new IllegalStateException("cannot read " + what + " " + file + ": " + why, e);
  }
}
