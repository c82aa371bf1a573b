/**
 * Test helper: validates SOAP messages against the XML Schema inside the official WSDL with
 * `xmllint --schema` (libxml2). The inline `<xsd:schema>` is extracted once into a temp folder and
 * made standalone (namespace declarations of `<definitions>` copied onto it, the four SOAP-ENC:base64
 * references replaced by xsd:base64Binary), then wrapped by a small SOAP 1.1 envelope schema whose
 * Body holds either a Fault or one strictly validated `urn:mplusqapi` element. Many documents are
 * checked per xmllint run, because compiling the 1 MB schema dominates the cost.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const wsdlFile = fileURLToPath(new URL('../wsdl/mplusqapi.wsdl', import.meta.url));

const ENVELOPE_XSD = `<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tns="http://schemas.xmlsoap.org/soap/envelope/"
  targetNamespace="http://schemas.xmlsoap.org/soap/envelope/" elementFormDefault="qualified">
  <xsd:import namespace="urn:mplusqapi" schemaLocation="mplusqapi.xsd"/>
  <xsd:element name="Envelope">
    <xsd:complexType>
      <xsd:sequence>
        <xsd:element name="Header" minOccurs="0">
          <xsd:complexType><xsd:sequence><xsd:any namespace="##other" processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xsd:sequence></xsd:complexType>
        </xsd:element>
        <xsd:element name="Body">
          <xsd:complexType>
            <xsd:choice>
              <xsd:element ref="tns:Fault"/>
              <xsd:any namespace="urn:mplusqapi" processContents="strict"/>
            </xsd:choice>
          </xsd:complexType>
        </xsd:element>
      </xsd:sequence>
    </xsd:complexType>
  </xsd:element>
  <xsd:element name="Fault">
    <xsd:complexType>
      <xsd:sequence>
        <xsd:element name="faultcode" type="xsd:QName" form="unqualified"/>
        <xsd:element name="faultstring" type="xsd:string" form="unqualified"/>
        <xsd:element name="faultactor" type="xsd:anyURI" form="unqualified" minOccurs="0"/>
        <xsd:element name="detail" form="unqualified" minOccurs="0">
          <xsd:complexType mixed="true"><xsd:sequence><xsd:any processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xsd:sequence></xsd:complexType>
        </xsd:element>
      </xsd:sequence>
    </xsd:complexType>
  </xsd:element>
</xsd:schema>
`;

/** The standalone XSD text extracted from the WSDL. */
export function extractSchema(wsdl: string): string {
  const text = wsdl.replace(/^\uFEFF/, '');
  const definitions = /<definitions\b[^>]*>/.exec(text)?.[0] ?? '';
  const start = text.indexOf('<xsd:schema');
  const end = text.indexOf('</xsd:schema>');
  if (start < 0 || end < 0) throw new Error('no <xsd:schema> in the WSDL');
  let schema = text.slice(start, end + '</xsd:schema>'.length);
  const declarations = [...definitions.matchAll(/\sxmlns:([\w-]+)="([^"]*)"/g)]
    .filter(([, prefix]) => !new RegExp(`\\sxmlns:${prefix}=`).test(schema.slice(0, schema.indexOf('>'))))
    .map(([whole]) => whole)
    .join('');
  schema = schema.replace('<xsd:schema', `<xsd:schema${declarations}`);
  schema = schema.replace(/<import namespace="http:\/\/schemas\.xmlsoap\.org\/soap\/encoding\/"\s*\/>/, '');
  schema = schema.replaceAll('SOAP-ENC:base64"', 'xsd:base64Binary"');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${schema}\n`;
}

let schemaDir: string | undefined;

/** Writes the schema files once per process (cached by WSDL hash in the OS temp folder). */
export function schemaFolder(): string {
  if (schemaDir) return schemaDir;
  const wsdl = readFileSync(wsdlFile, 'utf8');
  const hash = createHash('sha256').update(wsdl).update(ENVELOPE_XSD).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), `sincro-mplus-xsd-${hash}`);
  mkdirSync(dir, { recursive: true });
  const xsd = join(dir, 'mplusqapi.xsd');
  if (!existsSync(xsd)) writeFileSync(xsd, extractSchema(wsdl));
  writeFileSync(join(dir, 'soap-envelope.xsd'), ENVELOPE_XSD);
  schemaDir = dir;
  return dir;
}

export interface ValidationOutcome {
  label: string;
  valid: boolean;
  errors: string[];
}

let batch = 0;

/** Validates every document (a full SOAP envelope) in one xmllint run. */
export async function validateEnvelopes(docs: readonly { label: string; xml: string }[]): Promise<ValidationOutcome[]> {
  if (docs.length === 0) return [];
  const dir = schemaFolder();
  const runDir = join(dir, `run-${process.pid}-${batch++}`);
  mkdirSync(runDir, { recursive: true });
  const files = docs.map((doc, i) => {
    const file = join(runDir, `doc${String(i).padStart(5, '0')}.xml`);
    writeFileSync(file, doc.xml);
    return file;
  });
  const stderr = await new Promise<string>((resolve, reject) => {
    execFile('xmllint', ['--noout', '--schema', join(dir, 'soap-envelope.xsd'), ...files], { maxBuffer: 64 * 1024 * 1024 }, (error, _out, err) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve(err);
    });
  });
  return docs.map((doc, i) => {
    const file = files[i] ?? '';
    const lines = stderr.split('\n').filter((l) => l.startsWith(file) && !l.endsWith(' validates') && !l.endsWith(' fails to validate'));
    const valid = stderr.includes(`${file} validates\n`);
    return { label: doc.label, valid, errors: valid ? [] : lines.length ? lines.map((l) => l.slice(file.length)) : ['xmllint gave no verdict'] };
  });
}
