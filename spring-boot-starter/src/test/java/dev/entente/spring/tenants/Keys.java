package dev.entente.spring.tenants;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** The test issuer's RSA key pair, its public half passed to the application as a property. */
final class Keys {
  private Keys() {}

  static KeyPair generate() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  static String encoded(KeyPair pair) {
    return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
  }

  static RSAPublicKey publicKey(String encoded) {
    try {
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA")
              .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(encoded)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalArgumentException("test.jwt.public-key is no RSA public key", e);
    }
  }
}
