# Zelfscan for a region: the app under waitress, its database and secret key in the volume /data.
# Put an HTTPS proxy in front (compose.yaml does that with Caddy); see docs/hosting.md.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    # The database file; the app keeps its secret key and catalogue cache beside it.
    ZELFSCAN_DB=/data/zelfscan.db

# A user without a login shell or rights outside /data: the app never runs as root.
RUN useradd --system --uid 10001 --user-group --home-dir /data --no-create-home \
        --shell /usr/sbin/nologin zelfscan \
    && mkdir -p /data/backups && chown -R zelfscan:zelfscan /data

WORKDIR /src
COPY pyproject.toml README.md ./
COPY zelfscan ./zelfscan
COPY templates ./templates
COPY static ./static
COPY vragenlijsten ./vragenlijsten
# The wheel carries templates/, static/ and vragenlijsten/; the sources are not needed after.
RUN pip install . && rm -rf /src

USER zelfscan
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8080

# /gezond reads the database (no login needed); 200 is healthy, anything else is not.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/gezond', timeout=4)"]

# Migrations run here, at every start, before the first request.
CMD ["python", "-m", "zelfscan", "serve", "--host", "0.0.0.0", "--port", "8080"]
