/**
 * Base images the fixtures' rewrites need and that this machine makes locally (there is no Docker Hub
 * here). `debian:bookworm-slim` is made from the local `debian:bookworm` the way Debian's official slim
 * images are: documentation, manual pages, locales and the package downloads removed, and dpkg told not
 * to install them again (`/etc/dpkg/dpkg.cfg.d/docker`), flattened into one layer.
 *
 * It keeps `/usr/local/share/ca-certificates/`: `scripts/engine-setup.sh` puts there the CA certificates
 * this machine trusts beyond Debian's own set (its TLS-intercepting egress CA), so that an image that
 * installs `ca-certificates` trusts them too (`update-ca-certificates` adds them to `/etc/ssl/certs`, which
 * Debian's OpenSSL, and so Debian's nodejs, npm, curl, pip and apt, use). Nothing else is added.
 */
export const DEBIAN_SLIM_TAG = 'debian:bookworm-slim';

export const DEBIAN_SLIM_DOCKERFILE = `FROM debian:bookworm AS full
RUN rm -rf /usr/share/doc/* /usr/share/man/* /usr/share/info/* /usr/share/locale/* /usr/share/lintian/* \\
      /var/cache/apt/archives/*.deb /var/cache/apt/*.bin /var/lib/apt/lists/* /var/log/*.log \\
 && printf '%s\\n' 'path-exclude /usr/share/doc/*' 'path-include /usr/share/doc/*/copyright' \\
      'path-exclude /usr/share/man/*' 'path-exclude /usr/share/groff/*' 'path-exclude /usr/share/info/*' \\
      'path-exclude /usr/share/lintian/*' 'path-exclude /usr/share/linda/*' 'path-exclude /usr/share/locale/*' \\
      > /etc/dpkg/dpkg.cfg.d/docker

FROM scratch
COPY --from=full / /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
CMD ["bash"]
`;
