# NSCL for a single-server province: one image for the web (gunicorn) and the worker.
# docker compose up (compose.yaml) runs it with PostgreSQL, Redis and nginx.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=nscl.settings.production \
    STATIC_ROOT=/srv/nscl/static MEDIA_ROOT=/srv/nscl/media NSCL_VAR_DIR=/srv/nscl/var

# LibreOffice makes the PDF of reports; Liberation fonts stand in for Times New Roman;
# gettext compiles the translations; the PostgreSQL client runs backups
RUN apt-get update \
 && apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-liberation2 \
      gettext postgresql-client curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home /srv/nscl --create-home nscl

WORKDIR /srv/nscl/app
COPY pyproject.toml README.md ./
COPY nscl ./nscl
COPY deploy ./deploy
RUN pip install --no-cache-dir . \
 && cd nscl && django-admin compilemessages -v 0 && cd .. \
 && SECRET_KEY=build ALLOWED_HOSTS=x NSCL_RESOLVER_BASE=https://build.invalid \
    nscl collectstatic --noinput -v 0 \
 && mkdir -p /srv/nscl/media /srv/nscl/var && chown -R nscl /srv/nscl/media /srv/nscl/var

USER nscl
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD curl -fs http://127.0.0.1:8000/suc-khoe/web || exit 1
CMD ["gunicorn", "nscl.wsgi", "--config", "deploy/gunicorn.conf.py", "--bind", "0.0.0.0:8000"]
