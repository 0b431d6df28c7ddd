# The PolicyKG app for docker-compose.yml (graph on the Neo4j service, NEO4J_URI set there).
FROM python:3.11-slim
WORKDIR /app
ENV PIP_NO_CACHE_DIR=1 PYTHONUNBUFFERED=1
COPY pyproject.toml README.md ./
COPY kg ./kg
COPY ingest ./ingest
COPY qa ./qa
COPY ui ./ui
COPY seeds ./seeds
# torch first and pinned, so sentence-transformers does not choose another build. Pass
# --build-arg PIP_EXTRA_INDEX_URL=<your PyTorch CPU wheel index> to avoid the CUDA wheels.
ARG PIP_EXTRA_INDEX_URL=
RUN pip install torch==2.13.0 && pip install .
EXPOSE 7860
CMD ["policykg", "serve"]
