import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Role } from '../auth/role.enum';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Stored lower-cased; unique. */
  @Column({ type: 'text' }) username: string;
  @Column({ name: 'password_hash', type: 'text', select: false }) passwordHash: string;
  @Column({ name: 'full_name', type: 'text' }) fullName: string;
  @Column({ type: 'text', array: true }) roles: Role[];
  /** District codes an officer may act in; null is national scope. */
  @Column({ type: 'text', array: true, nullable: true }) jurisdiction: string[] | null;
  @Column({ type: 'boolean', default: false }) disabled: boolean;
  /** Bumped whenever roles, jurisdiction or the disabled flag change: older access tokens stop working. */
  @Column({ name: 'token_version', type: 'integer', default: 1 }) tokenVersion: number;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
